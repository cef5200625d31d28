"""The one place the package's (and the data's) version is written.

hatchling reads it for the wheel, the generator writes it into ``datapackage.json``,
and a test checks that CHANGELOG.md's newest entry agrees.
"""

__version__ = "1.3.0"
