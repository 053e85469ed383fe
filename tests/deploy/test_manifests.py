"""The docker-compose file and the Kubernetes manifests keep the topology's promises.

They cannot run here (no Docker, no cluster), so they are parsed and checked: every
service has an image and a command, every variable and reference resolves, only
loopback ports are published (ClusterIP Services only), every server has a readiness
check, and no secret is written as a literal.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Dict, Iterator, List, Set, Tuple

import pytest
import yaml

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
ROOT = DEPLOY.parent
SECRET_NAME = re.compile(r"PASSWORD|SECRET|TOKEN|_KEY$")
VARIABLE = re.compile(r"\$\{([A-Z_][A-Z0-9_]*)")
PROJECT_IMAGE = re.compile(r"^(\$\{PATHWAYS_IMAGE[^}]*\}|pathways:)")


def keys_of(example: Path) -> Set[str]:
    """The keys of a KEY=value example file."""
    lines = example.read_text().splitlines()
    return {line.split("=", 1)[0] for line in lines if "=" in line and not line.startswith("#")}


def endpoint_variables() -> Set[str]:
    """The variables bot/endpoints.scale.yml needs (Rasa fails on an unset one)."""
    return set(VARIABLE.findall((ROOT / "bot" / "endpoints.scale.yml").read_text()))


# -- docker compose -----------------------------------------------------------------


@pytest.fixture(scope="module")
def compose() -> Dict[str, Any]:
    data: Dict[str, Any] = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())
    return data


def test_compose_services_have_images_commands_and_health_checks(compose: Dict[str, Any]) -> None:
    services = compose["services"]
    assert {"postgres", "redis", "migrate", "web", "nginx"} <= set(services)
    assert {"rasa-1", "rasa-2", "actions-1", "actions-2"} <= set(services)
    for name, service in services.items():
        assert service.get("image"), name
        if PROJECT_IMAGE.match(service["image"]):
            assert service.get("command"), f"{name}: our image runs an explicit command"
        if service.get("restart") != "no":
            assert service.get("healthcheck", {}).get("test"), f"{name}: no healthcheck"


def test_compose_publishes_only_loopback_ports(compose: Dict[str, Any]) -> None:
    published = []
    for name, service in compose["services"].items():
        assert "network_mode" not in service, name
        for port in service.get("ports", []):
            assert str(port).startswith("127.0.0.1:"), f"{name} publishes {port} beyond loopback"
            published.append(name)
    assert published == ["nginx"], "only nginx is reachable from the host"


def test_compose_variables_are_documented_and_secrets_come_from_them(
    compose: Dict[str, Any],
) -> None:
    text = (DEPLOY / "docker-compose.yml").read_text()
    documented = keys_of(DEPLOY / ".env.example")
    assert set(VARIABLE.findall(text)) <= documented
    for name, service in compose["services"].items():
        for key, value in (service.get("environment") or {}).items():
            if SECRET_NAME.search(key):
                assert str(value).startswith("${"), f"{name}: {key} is a literal"


def test_compose_python_services_get_what_the_scale_profile_needs(
    compose: Dict[str, Any],
) -> None:
    for name in ("rasa-1", "rasa-2"):
        env = compose["services"][name]["environment"]
        assert endpoint_variables() <= set(env), name
        assert env["PATHWAYS_PROFILE"] == "scale"
    for name in ("migrate", "actions-1", "web"):
        assert "PATHWAYS_PG_PASSWORD" in compose["services"][name]["environment"], name


def test_compose_nginx_balances_the_compose_services(compose: Dict[str, Any]) -> None:
    conf = (DEPLOY / "nginx" / "nginx.conf").read_text()
    servers = set(re.findall(r"^\s*server ([a-z0-9-]+):\d+", conf, re.MULTILINE))
    assert servers == {"rasa-1", "rasa-2", "actions-1", "actions-2", "web"}
    assert servers <= set(compose["services"])
    assert "ip_hash;" in conf and "proxy_set_header Upgrade $http_upgrade;" in conf
    for volume in compose["services"]["nginx"]["volumes"]:
        assert (DEPLOY / volume.split(":")[0]).exists(), volume


# -- kubernetes -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def manifests() -> List[Dict[str, Any]]:
    kustomization = yaml.safe_load((DEPLOY / "k8s" / "kustomization.yaml").read_text())
    found: List[Dict[str, Any]] = []
    for name in kustomization["resources"]:
        found.extend(d for d in yaml.safe_load_all((DEPLOY / "k8s" / name).read_text()) if d)
    listed = set(kustomization["resources"])
    on_disk = {p.name for p in (DEPLOY / "k8s").glob("*.yaml")} - {"kustomization.yaml"}
    assert on_disk == listed, "every manifest is applied, and every one applied exists"
    return found


def of_kind(manifests: List[Dict[str, Any]], *kinds: str) -> Iterator[Dict[str, Any]]:
    return (m for m in manifests if m["kind"] in kinds)


def containers(manifests: List[Dict[str, Any]]) -> Iterator[Tuple[str, Dict[str, Any]]]:
    for workload in of_kind(manifests, "Deployment", "StatefulSet", "Job"):
        spec = workload["spec"]["template"]["spec"]
        assert not spec.get("hostNetwork"), workload["metadata"]["name"]
        for container in spec["containers"]:
            yield workload["kind"], container


def test_k8s_services_are_cluster_internal(manifests: List[Dict[str, Any]]) -> None:
    for service in of_kind(manifests, "Service"):
        assert service["spec"].get("type", "ClusterIP") == "ClusterIP", service["metadata"]
    for _kind, container in containers(manifests):
        for port in container.get("ports", []):
            assert "hostPort" not in port, container["name"]


def test_k8s_containers_have_images_commands_and_readiness(
    manifests: List[Dict[str, Any]],
) -> None:
    for kind, container in containers(manifests):
        assert container.get("image"), container["name"]
        if container["image"].startswith("pathways:"):
            assert container.get("command"), container["name"]
        if kind != "Job":
            assert container.get("readinessProbe"), f"{container['name']}: no readiness probe"
    deployments = of_kind(manifests, "Deployment")
    replicas = {d["metadata"]["name"]: d["spec"]["replicas"] for d in deployments}
    assert replicas["pathways-rasa"] == 2 and replicas["pathways-actions"] == 2


def test_k8s_references_resolve_and_secrets_are_not_literals(
    manifests: List[Dict[str, Any]],
) -> None:
    config = {m["metadata"]["name"]: m["data"] for m in of_kind(manifests, "ConfigMap")}
    secret_keys = keys_of(DEPLOY / "k8s" / "secrets.env.example")
    for _kind, container in containers(manifests):
        for source in container.get("envFrom", []):
            assert source["configMapRef"]["name"] in config
        for variable in container.get("env", []):
            name = variable["name"]
            ref = variable.get("valueFrom", {})
            if "secretKeyRef" in ref:
                assert ref["secretKeyRef"]["name"] == "pathways-secrets"
                assert ref["secretKeyRef"]["key"] in secret_keys, name
            elif "configMapKeyRef" in ref:
                assert ref["configMapKeyRef"]["key"] in config[ref["configMapKeyRef"]["name"]]
            else:
                assert not SECRET_NAME.search(name), f"{container['name']}: {name} is a literal"
    for data in config.values():
        assert not any(SECRET_NAME.search(key) for key in data), "no secret in a ConfigMap"


def test_k8s_rasa_gets_what_the_scale_profile_needs(manifests: List[Dict[str, Any]]) -> None:
    config = {m["metadata"]["name"]: m["data"] for m in of_kind(manifests, "ConfigMap")}
    for _kind, container in containers(manifests):
        if container["name"] != "rasa":
            continue
        names = {v["name"] for v in container["env"]}
        for source in container["envFrom"]:
            names |= set(config[source["configMapRef"]["name"]])
        assert endpoint_variables() <= names
        assert "PATHWAYS_PG_PASSWORD" in names


def test_k8s_ingress_routes_to_existing_services(manifests: List[Dict[str, Any]]) -> None:
    ports = {
        s["metadata"]["name"]: {p["port"] for p in s["spec"]["ports"]}
        for s in of_kind(manifests, "Service")
    }
    paths = {}
    for ingress in of_kind(manifests, "Ingress"):
        for rule in ingress["spec"]["rules"]:
            for path in rule["http"]["paths"]:
                backend = path["backend"]["service"]
                assert backend["port"]["number"] in ports[backend["name"]]
                paths[path["path"]] = backend["name"]
    # the messaging webhooks, not the REST channel (trusted integrations only)
    webhooks = {f"/webhooks/{p}/": "pathways-rasa" for p in ("telegram", "slack", "facebook",
                                                              "twilio")}  # fmt: skip
    # the console's catalogue upload has an Ingress of its own (a 10 MB body)
    assert paths == {**webhooks, "/socket.io/": "pathways-rasa", "/": "pathways-web",
                     "/advisers/catalogue/upload": "pathways-web"}  # fmt: skip


def test_only_the_catalogue_upload_may_send_more_than_128_kb(
    manifests: List[Dict[str, Any]],
) -> None:
    body = "nginx.ingress.kubernetes.io/proxy-body-size"
    sizes = {
        path["path"]: ingress["metadata"]["annotations"][body]
        for ingress in of_kind(manifests, "Ingress")
        for rule in ingress["spec"]["rules"]
        for path in rule["http"]["paths"]
    }
    assert sizes.pop("/advisers/catalogue/upload") == "10m"
    assert set(sizes.values()) == {"128k"}
