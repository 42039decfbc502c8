#!/usr/bin/env python3
"""Reads one stage of a Dockerfile and prints it as bash assignments (for the image proofs).

    dockerfile_stage.py DOCKERFILE STAGE

IMG_BASE, IMG_SUITE (the Debian suite of the base image, "-slim" dropped), IMG_USER, IMG_BIN (the
one COPY destination), IMG_PACKAGES (what its RUN installs with apt-get install; may be empty),
IMG_ACCOUNTS (its groupadd/useradd commands), IMG_ENTRYPOINT, IMG_CMD, IMG_PORTS.
"""
import json
import re
import shlex
import sys

text = open(sys.argv[1]).read()
want = sys.argv[2].lower()
text = re.sub(r"\\\n", " ", text)  # join continuation lines
lines = [l.strip() for l in text.splitlines() if l.strip() and not l.strip().startswith("#")]
args, stage = {}, None
out = {"packages": [], "accounts": [], "copy": [], "user": None, "entrypoint": None, "cmd": None,
       "ports": [], "base": None}
for l in lines:
    instr, _, rest = l.partition(" ")
    instr = instr.upper()
    if instr == "ARG" and stage is None:
        k, _, v = rest.partition("=")
        args[k.strip()] = v.strip()
    elif instr == "FROM":
        m = re.match(r"(\S+)(?:\s+AS\s+(\S+))?", rest, re.I)
        stage = (m.group(2) or "").lower()
        if stage == want:
            out["base"] = re.sub(r"\$\{?(\w+)\}?", lambda g: args.get(g.group(1), ""), m.group(1))
    elif stage != want:
        continue
    elif instr == "RUN":
        for seg in (s.strip() for s in rest.split("&&")):
            words = shlex.split(seg)
            while words and "=" in words[0] and not words[0].startswith("-"):
                words = words[1:]  # VAR=value prefixes
            if words[:2] == ["apt-get", "install"]:
                out["packages"] += [w for w in words[2:] if not w.startswith("-")]
            elif words and words[0] in ("groupadd", "useradd"):
                out["accounts"].append(seg)
    elif instr == "COPY":
        words = [w for w in shlex.split(rest) if not w.startswith("--")]
        out["copy"].append(words[-1])
    elif instr == "USER":
        out["user"] = rest.strip()
    elif instr == "ENTRYPOINT":
        out["entrypoint"] = json.loads(rest)
    elif instr == "CMD":
        out["cmd"] = json.loads(rest)
    elif instr == "EXPOSE":
        out["ports"] += rest.split()
if not out["base"] or not out["user"] or not out["entrypoint"] or len(out["copy"]) != 1:
    sys.exit("%s: could not read the %s stage (FROM, USER, ENTRYPOINT, one COPY)" % (sys.argv[1], want))
suite = out["base"].split(":", 1)[1] if ":" in out["base"] else "stable"
suite = re.sub(r"-slim$", "", suite)
q = shlex.quote
print("IMG_BASE=%s IMG_SUITE=%s IMG_USER=%s IMG_BIN=%s" % (q(out["base"]), q(suite), q(out["user"]), q(out["copy"][0])))
print("IMG_PACKAGES=(%s)" % " ".join(q(p) for p in out["packages"]))
print("IMG_ACCOUNTS=(%s)" % " ".join(q(a) for a in out["accounts"]))
print("IMG_ENTRYPOINT=(%s)" % " ".join(q(a) for a in out["entrypoint"]))
print("IMG_CMD=(%s)" % " ".join(q(a) for a in (out["cmd"] or [])))
print("IMG_PORTS=(%s)" % " ".join(q(a) for a in out["ports"]))
