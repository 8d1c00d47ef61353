"""Discovery, sandbox, harness and reports: everything that turns a submission into a grade."""
