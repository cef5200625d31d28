"""The contribution gate: every check, collected into one report."""

from summitdata.validation.package import Report, validate_package
from summitdata.validation.problems import CODES, Problem
from summitdata.validation.report import FORMATS, format_report

__all__ = ["CODES", "FORMATS", "Problem", "Report", "format_report", "validate_package"]
