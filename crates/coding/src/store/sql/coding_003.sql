-- How sure the rule that proposed an auto-coding is (0–1, the rule's `confidence`), so a
-- review queue can take the most certain proposals first. NULL for codings made by people
-- or imported, and for proposals made before rules had a confidence.
ALTER TABLE codings ADD COLUMN confidence REAL;
