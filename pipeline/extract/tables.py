def table_tasks(doc):
    return []
