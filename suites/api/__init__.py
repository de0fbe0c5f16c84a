"""The Alma Courses API of the sandbox: the configured course, its lists and citations.

Records the shapes of the answers (fields, JSON types, enum values) so a run compared with the
baseline lists every API contract change, and checks that the API agrees with what students see.
"""
