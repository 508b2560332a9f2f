"""Programme area of a task (stub)."""
def classify_area(text, headings=()):
    return "chi_dao"
