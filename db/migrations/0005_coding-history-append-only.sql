-- Coder decisions and frozen final lines are part of the claim's history.
CREATE TRIGGER coding_overrides_no_update BEFORE UPDATE ON coding_overrides
BEGIN
  SELECT RAISE(ABORT, 'coding_overrides is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER coding_overrides_no_delete BEFORE DELETE ON coding_overrides
BEGIN
  SELECT RAISE(ABORT, 'coding_overrides is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER coding_results_no_update BEFORE UPDATE ON coding_results
BEGIN
  SELECT RAISE(ABORT, 'coding_results is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER coding_results_no_delete BEFORE DELETE ON coding_results
BEGIN
  SELECT RAISE(ABORT, 'coding_results is append-only');
END;
