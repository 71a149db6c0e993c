"""The joint assessment: the API the apps and the command line call.

- :func:`assess`: one view of a case file (all sources, or some) -> :class:`AssessmentResult`,
  whose ``to_contract()`` is the output contract of ``shared/casefile/README.md``;
- :func:`compare`: two views side by side (police only against joint, "samen-op-in-acuut");
- ``report.render_text``: the human-readable report, in Dutch or English.
"""

from huisverbod.core.assessment.compare import Comparison, compare
from huisverbod.core.assessment.engine import assess
from huisverbod.core.assessment.result import AssessmentResult
from huisverbod.core.instruments.overrides import ItemOverride

__all__ = ["AssessmentResult", "Comparison", "ItemOverride", "assess", "compare"]
