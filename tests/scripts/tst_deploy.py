#!/usr/bin/env python3
"""deploy/ cannot run here (no container engine, no cluster): check what can be.

The manifests parse and hang together (selectors, ports, volumes, the Secret
paths the arguments name, a grace period that covers --stop-timeout); the
Containerfile runs the service as a non-root user; and every option the
manifests and the Containerfile pass exists in the real `tapedeck-cli serve`.

usage: tst_deploy.py SOURCE_DIR TAPEDECK_CLI
"""
import os
import re
import shutil
import subprocess
import tempfile
import sys
from pathlib import Path

import yaml

src, cli = Path(sys.argv[1]), sys.argv[2]
problems = []


def check(cond, what):
    if not cond:
        problems.append(what)


docs = [d for d in yaml.safe_load_all((src / "deploy/kubernetes/recorder.yaml").read_text()) if d]
kinds = {d["kind"]: d for d in docs}
check(set(kinds) == {"Service", "StatefulSet"}, f"kinds: {sorted(kinds)}")
svc, sts = kinds["Service"], kinds["StatefulSet"]
spec = sts["spec"]
pod = spec["template"]["spec"]
labels = spec["template"]["metadata"]["labels"]
check(spec["selector"]["matchLabels"].items() <= labels.items(), "the selector does not match the pod labels")
check(svc["spec"]["selector"].items() <= labels.items(), "the Service does not select the pods")
check(spec["serviceName"] == svc["metadata"]["name"], "serviceName is not the headless Service")
check(svc["spec"].get("clusterIP") == "None", "the Service is not headless")
check(pod["securityContext"].get("runAsNonRoot") is True, "pods may run as root")

(container,) = pod["containers"]
args = container["args"]
opts = dict(a[2:].split("=", 1) for a in args)
port_names = {p["name"]: p["containerPort"] for p in container["ports"]}
check(opts["listen"].endswith(f":{port_names['api']}"), "--listen does not use the api port")
for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
    check(container[probe]["tcpSocket"]["port"] in port_names, f"{probe} names no container port")
stop = float(opts.get("stop-timeout", 20))
check(pod["terminationGracePeriodSeconds"] >= stop + 5,
      "terminationGracePeriodSeconds does not cover --stop-timeout plus the exit")

mounts = {m["name"]: m["mountPath"] for m in container["volumeMounts"]}
volumes = {v["name"]: v for v in pod["volumes"]}
claims = {c["metadata"]["name"] for c in spec["volumeClaimTemplates"]}
for name in mounts:
    check(name in volumes or name in claims, f"volume {name} is mounted but not defined")
check(mounts["data"] == "/var/lib/tapedeck", "the data volume is not the service's --dir")
for opt in ("token-file", "tls-cert", "tls-key"):
    if opt in opts:
        check(any(opts[opt].startswith(p + "/") for n, p in mounts.items() if n in volumes),
              f"--{opt} is not on a mounted Secret")

containerfile = (src / "deploy/Containerfile").read_text()
lines = [l.strip() for l in containerfile.splitlines()]
user = [l for l in lines if l.startswith("USER ")]
check(user and not user[-1].split()[1].startswith(("0", "root")), "the image runs as root")
# tapedeck-cli is a thin front that execs libexec/tapedeck/tapedeck-cli-engine:
# an image with the front alone would answer --version and nothing else.
copies = [l for l in lines if l.startswith("COPY --from=build ")]
check(any("/usr/bin/tapedeck-cli " in l for l in copies), "the image has no /usr/bin/tapedeck-cli")
check(any(l.endswith(" /usr/libexec/tapedeck/") or l.endswith("/tapedeck-cli-engine") for l in copies),
      "the image has no tapedeck-cli-engine in /usr/libexec/tapedeck")
entry = [l for l in lines if l.startswith("ENTRYPOINT ")]
check(entry and '"serve"' in entry[-1] and '"/var/lib/tapedeck"' in entry[-1], "ENTRYPOINT is not serve --dir /var/lib/tapedeck")
check("STOPSIGNAL SIGTERM" in lines, "no STOPSIGNAL SIGTERM")
check("-DTAPEDECK_BUILD_GUI=OFF" in containerfile, "the image build does not switch the GUI off")

helptext = subprocess.run([cli, "serve", "--help"], capture_output=True, text=True, timeout=60).stdout
for opt in list(opts) + ["dir", "listen"]:
    check(re.search(r"--" + re.escape(opt) + r"(?![\w-])", helptext), f"tapedeck-cli serve has no --{opt}")

# The systemd unit: its options exist, its stop timeout covers --stop-timeout,
# and systemd-analyze accepts it (with the binary that was just built).
unit = (src / "deploy/systemd/tapedeck-recorder.service").read_text()
execstart = next(l for l in unit.splitlines() if l.startswith("ExecStart="))
unit_opts = re.findall(r"--([a-z-]+)", execstart)
unit_stop = float(re.search(r"--stop-timeout[ =](\S+)", execstart).group(1))
for opt in unit_opts:
    check(re.search(r"--" + re.escape(opt) + r"(?![\w-])", helptext), f"the unit passes --{opt}, which serve lacks")
timeout = float(re.search(r"^TimeoutStopSec=(\d+)", unit, re.M).group(1))
check(timeout >= unit_stop + 5, "TimeoutStopSec does not cover --stop-timeout plus the exit")
if not shutil.which("systemd-analyze"):
    check(os.environ.get("CI") != "true", "systemd-analyze is missing (required under CI)")
    print("note: systemd-analyze is not installed; the unit was not verified by systemd")
else:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "tapedeck-recorder.service"
        path.write_text(unit.replace("/usr/bin/tapedeck-cli", str(Path(cli).resolve())))
        r = subprocess.run(["systemd-analyze", "verify", str(path)], capture_output=True, text=True, timeout=60)
        # Messages about the host's own units are not ours.
        ours = [l for l in (r.stdout + r.stderr).splitlines() if "tapedeck-recorder.service" in l]
        check(not ours, "systemd-analyze: " + "; ".join(ours))

for p in problems:
    print("FAIL:", p)
if problems:
    sys.exit(1)
print(f"ok: {len(docs)} manifests, {len(args)} arguments, Containerfile")
