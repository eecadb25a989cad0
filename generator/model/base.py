"""What every model shares, written once: strict models and the id every name in the site uses."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
"""Kebab-case: file names of records, vocabulary values and folders, source and organisation ids."""

Id = Annotated[str, Field(pattern=ID_PATTERN.pattern)]


class Strict(BaseModel):
    """Unknown keys are errors (a typo never passes silently), text is trimmed, values never change."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)
