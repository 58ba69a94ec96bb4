#!/usr/bin/env python3
"""The ecosystem check: backlint on pinned releases of real backends.

    check.py fetch                 download and unpack every project (once; cached)
    check.py compare BASE NEW      findings added and removed by NEW against BASE, per project and rule
    check.py precision [BIN]       per-rule precision of BIN's findings over the triaged sample
                                   (default: this checkout, built with cargo build --release)
    check.py show VERDICT [BIN]    BIN's current findings with that verdict (tp, fp, deb or open),
                                   with their messages: the shapes to fix next
    check.py sample BIN [N]        untriaged findings of BIN to judge (at most N per rule, default 12),
                                   as rows to append to triage.tsv

Projects are listed in projects.toml beside this script; verdicts in triage.tsv
(project, rule, path, line, verdict, reason; verdict is tp, fp or deb). The
cache folder is $BACKLINT_ECOSYSTEM_DIR, default ~/.cache/backlint-ecosystem.
Needs Python 3.11, pip, npm and cargo, and the package registries; it is not
part of `cargo test`.
"""

import collections
import glob
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
CACHE = os.environ.get("BACKLINT_ECOSYSTEM_DIR", os.path.expanduser("~/.cache/backlint-ecosystem"))
TRIAGE = os.path.join(HERE, "triage.tsv")
VERDICTS = ("tp", "fp", "deb")


def projects():
    with open(os.path.join(HERE, "projects.toml"), "rb") as f:
        return tomllib.load(f)["project"]


def folder(project):
    return os.path.join(CACHE, f"{project['name']}-{project['version']}")


def source_root(project):
    return os.path.join(folder(project), "src", project.get("root", "."))


def fetch_one(project):
    """Downloads and unpacks one project into its cache folder (src/)."""
    target = folder(project)
    if os.path.isdir(os.path.join(target, "src")):
        return
    tmp = target + ".partial"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(os.path.join(tmp, "download"))
    src = os.path.join(tmp, "src")
    registry, package, version = project["registry"], project["package"], project["version"]
    if registry == "pypi":
        subprocess.run(
            ["pip", "download", "--quiet", "--no-deps", f"{package}=={version}", "-d", os.path.join(tmp, "download")],
            check=True,
        )
        (archive,) = glob.glob(os.path.join(tmp, "download", "*"))
        if archive.endswith(".whl"):
            with zipfile.ZipFile(archive) as z:
                z.extractall(src)
        else:
            with tarfile.open(archive) as t:
                t.extractall(src, filter="data")
    elif registry == "npm":
        out = subprocess.run(
            ["npm", "pack", "--silent", f"{package}@{version}"],
            cwd=os.path.join(tmp, "download"),
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip().splitlines()[-1]
        with tarfile.open(os.path.join(tmp, "download", out)) as t:
            t.extractall(src, filter="data")
    elif registry == "crates":
        subprocess.run(["cargo", "info", "--quiet", f"{package}@{version}"], check=True, capture_output=True)
        home = os.environ.get("CARGO_HOME", os.path.expanduser("~/.cargo"))
        (crate,) = glob.glob(os.path.join(home, "registry", "src", "*", f"{package}-{version}"))[:1]
        shutil.copytree(crate, os.path.join(src, f"{package}-{version}"))
    else:
        raise SystemExit(f"{project['name']}: unknown registry {registry}")
    shutil.rmtree(os.path.join(tmp, "download"))
    os.rename(tmp, target)


def fetch():
    for project in projects():
        print(f"fetch {project['name']} {project['version']}", file=sys.stderr)
        fetch_one(project)


def findings(binary, project):
    """BIN's findings on one project: {(rule, path, line): message}."""
    fetch_one(project)
    out = subprocess.run(
        [os.path.abspath(binary), "check", "--no-cache", "--format", "json", "--exit-zero", "."],
        cwd=source_root(project),
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        raise SystemExit(f"{project['name']}: {binary} exited with {out.returncode}: {out.stderr.strip()}")
    result = {}
    for f in json.loads(out.stdout)["findings"]:
        result[(f["rule"], f["path"], f["start"]["line"])] = f["message"]
    return result


def compare(base, new):
    total = collections.Counter()
    for project in projects():
        old, now = findings(base, project), findings(new, project)
        added = sorted(set(now) - set(old))
        removed = sorted(set(old) - set(now))
        print(f"## {project['name']} {project['version']}: {len(old)} -> {len(now)} findings")
        for label, keys, source in (("+", added, now), ("-", removed, old)):
            by_rule = collections.Counter(rule for rule, _, _ in keys)
            for rule, n in sorted(by_rule.items()):
                print(f"  {label}{n:<5} {rule}")
                total[(label, rule)] += n
            for rule, path, line in keys:
                print(f"      {label} {rule} {path}:{line}: {source[(rule, path, line)]}")
    print("## total")
    for (label, rule), n in sorted(total.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        print(f"  {label}{n:<5} {rule}")


def read_triage():
    verdicts = {}
    if not os.path.exists(TRIAGE):
        return verdicts
    with open(TRIAGE, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 5 or fields[4] not in VERDICTS:
                raise SystemExit(f"triage.tsv:{number}: expected project, rule, path, line, verdict (tp|fp|deb), reason")
            project, rule, path, line_no, verdict = fields[:5]
            verdicts[(project, rule, path, int(line_no))] = verdict
    return verdicts


def precision(binary):
    verdicts = read_triage()
    counts = collections.defaultdict(collections.Counter)
    for project in projects():
        for rule, path, line in findings(binary, project):
            verdict = verdicts.get((project["name"], rule, path, line), "untriaged")
            counts[rule][verdict] += 1
            counts[rule]["findings"] += 1
    print(f"{'rule':<28} {'findings':>8} {'tp':>4} {'fp':>4} {'deb':>4} {'open':>5}  precision")
    for rule in sorted(counts):
        c = counts[rule]
        judged = c["tp"] + c["fp"]
        value = f"{c['tp'] / judged:.2f}" if judged else "-"
        print(f"{rule:<28} {c['findings']:>8} {c['tp']:>4} {c['fp']:>4} {c['deb']:>4} {c['untriaged']:>5}  {value}")


def show(verdict, binary):
    if verdict not in VERDICTS + ("open",):
        raise SystemExit(f"show: expected one of {', '.join(VERDICTS)}, open; got {verdict}")
    verdicts = read_triage()
    for project in projects():
        for (rule, path, line), message in sorted(findings(binary, project).items()):
            if verdicts.get((project["name"], rule, path, line), "open") == verdict:
                print(f"{project['name']}\t{rule}\t{path}:{line}\t{message}")


def sample(binary, per_rule):
    """Untriaged findings to judge, at most `per_rule` of each rule over all
    projects, picked by a hash of their key so the sample is stable."""
    verdicts = read_triage()
    # Verdicts count toward a rule's sample only while their finding exists.
    triaged = collections.Counter()
    candidates = collections.defaultdict(list)
    for project in projects():
        for (rule, path, line), message in findings(binary, project).items():
            key = (project["name"], rule, path, line)
            if key in verdicts:
                triaged[rule] += 1
            else:
                digest = hashlib.sha1("\t".join(map(str, key)).encode()).hexdigest()
                candidates[rule].append((digest, key, message))
    for rule in sorted(candidates):
        for _, key, message in sorted(candidates[rule])[: max(0, per_rule - triaged[rule])]:
            print("\t".join(map(str, key)) + "\t\t# " + message)


def this_checkout():
    """The binary of this checkout, built in release mode."""
    top = os.path.dirname(os.path.dirname(HERE))
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=top, check=True)
    return os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(top, "target")), "release", "backlint")


def main(argv):
    if len(argv) >= 2 and argv[1] == "fetch":
        fetch()
    elif len(argv) == 4 and argv[1] == "compare":
        compare(argv[2], argv[3])
    elif len(argv) in (2, 3) and argv[1] == "precision":
        precision(argv[2] if len(argv) == 3 else this_checkout())
    elif len(argv) in (3, 4) and argv[1] == "show":
        show(argv[2], argv[3] if len(argv) == 4 else this_checkout())
    elif len(argv) in (3, 4) and argv[1] == "sample":
        sample(argv[2], int(argv[3]) if len(argv) == 4 else 12)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
