-- parses, but t has no such column
SELECT id, missing_col FROM t;
