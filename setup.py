"""Packaging beyond what pyproject.toml can say: ``models/`` (the data every stage reads) ships
inside the package as ``pipeline/models`` — found at run time through importlib.resources
(``pipeline/resources.py``) — and the web front end's files (metadata, templates, plugin) ship
beside its code. Everything else is in pyproject.toml."""
from pathlib import Path

from setuptools import find_packages, setup

HERE = Path(__file__).resolve().parent
# models/ and each folder under it (the spaCy model's), as packages of data mapped from models/
MODEL_DIRS = [""] + sorted(str(p.relative_to(HERE / "models")) for p in (HERE / "models").rglob("*")
                           if p.is_dir() and "__pycache__" not in p.parts)
MODEL_PACKAGES = ["pipeline.models" + ("." + d.replace("/", ".") if d else "") for d in MODEL_DIRS]

setup(
    packages=find_packages(include=["pipeline", "pipeline.*"]) + MODEL_PACKAGES,
    package_dir={"pipeline.models": "models"},
    package_data={
        **{pkg: ["*"] for pkg in MODEL_PACKAGES},
        "pipeline.web": ["metadata.json", "templates/*", "plugins/*.py"],
    },
    include_package_data=False,
)
