RETURN failed
