"""The links suite: list permalinks (FS, LMS course pages) and citation links (Oria, DOI, ...)."""
