-- Whether the version a reference resolved to existed on the citing date
-- (in_force | later_than_citing | undated).
ALTER TABLE cite_refs ADD COLUMN version TEXT;
