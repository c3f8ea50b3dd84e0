"""The official CMS tables (NCCI PTP edits, MUEs, PFS relative values) imported into the site.

`python -m macros.cms --help` lists the commands. The imported rows live in the generated
section at the end of data/codes.yaml (key `cms:`); `model.py` types that section.
"""

# macros.model imports macros.cms.model for its `cms` field, and macros.cms.model builds on
# the field types of macros.model: loading macros.model first keeps that order whichever
# of the two is imported first.
from .. import model as _base_model  # noqa: F401
