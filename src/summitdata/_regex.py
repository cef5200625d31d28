"""Regular-expression spelling shared by the patterns that walk untrusted text."""

from __future__ import annotations

import sys

#: Makes a repeat possessive: it never gives back what it matched. Python's ``re`` otherwise keeps a
#: backtracking entry for each repetition of a group, about 140 bytes each: a 10 MB string of escaped
#: quotes (or a CSV cell of doubled quotes) took 730 MB to match. Each pattern it is used in never
#: needs to give anything back (what follows the repeat cannot match what the repeat matched), so
#: the matches are the same (tests/test_csvio.py and tests/test_compare.py compare both spellings).
#: Possessive repeats exist from Python 3.11; on 3.10 the plain repeat stays, with its memory.
POSSESSIVE = "+" if sys.version_info >= (3, 11) else ""
