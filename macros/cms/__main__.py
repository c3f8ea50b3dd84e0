"""`python -m macros.cms`: discover, download and import the CMS tables.

    python -m macros.cms discover --out plan.json
    python -m macros.cms download plan.json --dest build/cms
    python -m macros.cms import --manifest build/cms/manifest.json --summary build/cms/summary.md

Every failure is one plain message naming the file (and the column or line) concerned,
with exit status 1; nothing is written then.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from .errors import CmsFileError

DATA_FILE = Path(__file__).resolve().parents[2] / "data" / "codes.yaml"
KINDS = ("ptp", "mue", "pfs")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m macros.cms", description=(
        "Import the official CMS tables (NCCI PTP edits and MUEs for practitioner services, the PFS "
        "relative value file) into the generated section at the end of data/codes.yaml."))
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    find = commands.add_parser("discover", help="find the current archives on the CMS pages",
                               description="Read the CMS NCCI PTP, MUE and PFS relative value pages (and the "
                               "pages they link to) and write the newest archive addresses, with their quarter "
                               "or year, as a JSON plan.")
    find.add_argument("--out", type=Path, help="write the plan here (default: standard output)")
    find.add_argument("--tables", nargs="+", choices=KINDS, default=list(KINDS), help="which tables (default: all)")
    find.add_argument("--pages-from", type=Path, metavar="DIR",
                      help="read saved pages from DIR (each named after the last part of its address, plus "
                      ".html) instead of fetching them; for tests and offline checks")

    fetch = commands.add_parser("download", help="download the archives of a plan",
                                description="Download every archive a discovery plan names (https://www.cms.gov "
                                "only) into a folder and write manifest.json there for the import.")
    fetch.add_argument("plan", type=Path, help="the JSON plan written by `discover`")
    fetch.add_argument("--dest", type=Path, required=True, help="folder for the archives and manifest.json")

    load = commands.add_parser("import", help="import archives into data/codes.yaml",
                               description="Read the archives (zip files as CMS publishes them), keep the rows of "
                               "codes on the site, check every header and value, and rewrite only the generated "
                               "section at the end of the data file. Nothing is written if anything is off. "
                               "Importing files already imported changes nothing.")
    load.add_argument("--manifest", type=Path, help="manifest.json written by `download`")
    load.add_argument("--ptp", type=Path, nargs="+", metavar="ZIP", help="the practitioner PTP archives")
    load.add_argument("--mue", type=Path, metavar="ZIP", help="the practitioner MUE archive")
    load.add_argument("--pfs", type=Path, metavar="ZIP", help="the PFS relative value archive (RVUyyX)")
    load.add_argument("--quarter", help="quarter of the PTP and MUE archives, e.g. 2027-Q1")
    load.add_argument("--year", type=int, help="year of the PFS archive, e.g. 2027")
    load.add_argument("--data", type=Path, default=DATA_FILE, help="the data file (default: data/codes.yaml)")
    load.add_argument("--summary", type=Path, help="write a Markdown summary of the changes here")
    load.add_argument("--today", type=dt.date.fromisoformat, help=argparse.SUPPRESS)
    for sub in (find, fetch, load):
        sub.add_argument("--github-annotations", action="store_true",
                         help="also print errors as GitHub Actions annotations")
    return parser


def _requests(args) -> list:
    from .importer import Request

    requests = []
    if args.manifest:
        base = args.manifest.parent
        try:
            manifest = json.loads(args.manifest.read_text(encoding="utf-8"))
            for kind, entry in manifest.items():
                period = entry["quarter"] if kind in ("ptp", "mue") else str(entry["year"])
                requests.append(Request(kind, period, tuple(base / name for name in entry["files"])))
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            raise CmsFileError(str(args.manifest), f"not a manifest written by `download` ({error})") from None
    for kind in ("ptp", "mue"):
        files = getattr(args, kind)
        if files:
            if not args.quarter:
                raise CmsFileError(kind, "--quarter (e.g. 2027-Q1) is needed with --ptp and --mue")
            requests.append(Request(kind, args.quarter, tuple(files if isinstance(files, list) else [files])))
    if args.pfs:
        if not args.year:
            raise CmsFileError("pfs", "--year (e.g. 2027) is needed with --pfs")
        requests.append(Request("pfs", str(args.year), (args.pfs,)))
    if not requests:
        raise CmsFileError("import", "nothing to import: give --manifest, or --ptp/--mue with --quarter, "
                           "or --pfs with --year")
    return requests


def _saved_pages(folder: Path):
    def fetch(url: str) -> str:
        name = url.rstrip("/").rsplit("/", 1)[-1] or "index"
        path = folder / f"{name}.html"
        if not path.is_file():
            raise CmsFileError(url, f"no saved page {path}")
        return path.read_text(encoding="utf-8")
    return fetch


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "discover":
            from .discover import discover
            from .download import fetch_text

            fetch = _saved_pages(args.pages_from) if args.pages_from else fetch_text
            plan = {kind: discover(kind, fetch) for kind in args.tables}
            text = json.dumps(plan, indent=1) + "\n"
            if args.out:
                args.out.parent.mkdir(parents=True, exist_ok=True)
                args.out.write_text(text, encoding="utf-8")
            else:
                sys.stdout.write(text)
        elif args.command == "download":
            from .download import download_plan

            try:
                plan = json.loads(args.plan.read_text(encoding="utf-8"))
            except (OSError, ValueError) as error:
                raise CmsFileError(str(args.plan), f"not a plan written by `discover` ({error})") from None
            manifest = download_plan(plan, args.dest)
            print(f"downloaded {sum(len(e['files']) for e in manifest.values())} archive(s) into {args.dest}")
        else:
            from .importer import import_tables
            from .summary import markdown

            outcome = import_tables(args.data, _requests(args), args.today)
            for kind, state in outcome.tables.items():
                print(f"{kind}: {state}")
            print("data file rewritten" if outcome.written else "nothing changed")
            if args.summary:
                args.summary.parent.mkdir(parents=True, exist_ok=True)
                args.summary.write_text(markdown(outcome), encoding="utf-8")
    except CmsFileError as error:
        print(f"error: {error}", file=sys.stderr)
        if args.github_annotations:
            message = str(error).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            print(f"::error title=CMS tables::{message}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
