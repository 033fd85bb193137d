"""The release of the reference data the generators write and scripts/check-data.py expects: every file of data/
carries it as `data_version`, and the server applies a newer one to an existing database as a diff (docs/reference-data.md). Raise it once for a release, here, and regenerate the files (data/README.md says how)."""

DATA_VERSION = 11
