"""The deployment rules the schema cannot say, checked on `docker compose config --format json` (every profile) and
on the Dockerfile. Prints one line per breach and exits 1 if there is any.

    python3 policy.py COMPOSE_CONFIG.json Dockerfile
"""

import json
import re
import sys
from urllib.parse import urlsplit

DIGEST = re.compile(r"@sha256:[0-9a-f]{64}$")
# Names whose value is a secret: these must come from files (`…_FILE`, compose `secrets:`), never inline.
SECRET = re.compile(r"(PASSWORD|SECRET|TOKEN)$")


def compose_breaches(config):
    for name, service in sorted(config.get("services", {}).items()):
        image = service.get("image", "")
        if "build" not in service and not DIGEST.search(image):
            yield f"service {name}: image {image!r} is not pinned by digest"
        if service.get("restart") != "unless-stopped":
            yield f"service {name}: restart is {service.get('restart')!r}, not unless-stopped"
        for port in service.get("ports", []):
            if port.get("published") and port.get("host_ip") != "127.0.0.1":
                yield f"service {name}: port {port.get('published')} is published on {port.get('host_ip') or 'every address'}, not 127.0.0.1"
        environment = service.get("environment") or {}
        for key, value in environment.items():
            if SECRET.search(key) and value:
                yield f"service {name}: {key} is set inline; read it from a file (secrets:, {key}_FILE)"
        url = environment.get("DATABASE_URL") or ""
        if url.startswith("postgres") and urlsplit(url).password is not None:
            yield f"service {name}: DATABASE_URL carries a password; use CNA_DATABASE_PASSWORD_FILE"
        for replica in (environment.get("DATABASE_READ_URL") or "").split(","):
            replica = replica.strip()
            if replica.startswith("postgres") and urlsplit(replica).password is not None:
                yield f"service {name}: DATABASE_READ_URL carries a password; CNA_DATABASE_PASSWORD_FILE gives it"
        for key, value in environment.items():
            if key.endswith("_FILE") and value and value.startswith("/run/secrets/"):
                wanted = value.removeprefix("/run/secrets/")
                mounted = {s.get("target", "").removeprefix("/run/secrets/") for s in service.get("secrets", [])}
                mounted |= {s.get("source") for s in service.get("secrets", [])}
                if wanted not in mounted:
                    yield f"service {name}: {key} names /run/secrets/{wanted}, which the service does not mount"
        command = service.get("command") or []
        if "--demo" in command and "demo" not in (service.get("profiles") or []):
            yield f"service {name}: loads the sample entries (--demo) outside the demo profile"


def dockerfile_breaches(text):
    stages = set()
    user = None
    for line in text.splitlines():
        words = line.split()
        if not words or words[0].startswith("#"):
            continue
        instruction = words[0].upper()
        if instruction == "FROM":
            args = [w for w in words[1:] if not w.startswith("--")]
            image = args[0]
            if len(args) >= 3 and args[1].upper() == "AS":
                stages.add(args[2].lower())
            if image.lower() not in stages and not DIGEST.search(image):
                yield f"Dockerfile: FROM {image} is not pinned by digest"
            user = None
        elif instruction == "USER":
            user = words[1]
    if user is None or user.split(":")[0] in ("0", "root"):
        yield f"Dockerfile: the final stage runs as {user or 'root (no USER)'}"


def main():
    config = json.load(open(sys.argv[1], encoding="utf-8"))
    dockerfile = open(sys.argv[2], encoding="utf-8").read()
    breaches = list(compose_breaches(config)) + list(dockerfile_breaches(dockerfile))
    for breach in breaches:
        print(breach)
    if not config.get("services"):
        print("the compose file has no services")
        return 1
    return 1 if breaches else 0


if __name__ == "__main__":
    sys.exit(main())
