"""JSON Schemas generated from the models: the authoring schema (for editors, via the
yaml-language-server modeline in data/codes.yaml) and the export schema (for the API).

Regenerate the committed authoring schema with `python -m macros.schema`.
"""

from __future__ import annotations

import json
from pathlib import Path

from .model import CodeData

AUTHORING_SCHEMA_FILE = Path(__file__).resolve().parent.parent / "docs" / "schema" / "codes-authoring.schema.json"


def authoring_schema() -> dict:
    schema = CodeData.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "codes-authoring.schema.json",
            "title": "data/codes.yaml of the therapy billing code reference",
            "description": "Authoring schema, generated from macros/model.py. Editors use it to complete and "
                           "check fields; the build's validator adds the cross-record rules.",
            **schema}


def authoring_schema_text() -> str:
    return json.dumps(authoring_schema(), indent=1, sort_keys=True, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    AUTHORING_SCHEMA_FILE.parent.mkdir(parents=True, exist_ok=True)
    AUTHORING_SCHEMA_FILE.write_text(authoring_schema_text(), encoding="utf-8")
    print(f"wrote {AUTHORING_SCHEMA_FILE}")
