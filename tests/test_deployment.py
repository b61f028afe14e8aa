"""The Docker deployment files agree with each other and with the settings (no Docker needed)."""

import ast
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
APP_SERVICES = ("web", "worker", "beat")
BACKING_SERVICES = ("postgres", "redis")


def load_compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def settings_env_names() -> set[str]:
    """The first argument of every ``env.<method>("NAME", ...)`` call in najiz/settings.py."""
    tree = ast.parse((ROOT / "najiz" / "settings.py").read_text())
    return {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "env"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    }


def app_environment(service: dict) -> dict:
    environment = service.get("environment", {})
    if isinstance(environment, list):  # the "NAME=value" list form
        environment = dict(item.split("=", 1) for item in environment)
    return environment


def test_compose_has_the_six_services() -> None:
    services = load_compose()["services"]
    for name in (*BACKING_SERVICES, *APP_SERVICES, "migrate"):
        assert name in services, f"docker-compose.yml has no {name!r} service."


def command_text(service: dict) -> str:
    command = service.get("command", "")
    return " ".join(command) if isinstance(command, list) else command


def test_migrations_run_once_in_their_own_service_before_the_app_starts() -> None:
    services = load_compose()["services"]
    migrate = services["migrate"]
    assert "manage.py migrate" in command_text(migrate)
    assert migrate.get("restart", "no") == "no", "The migrate service runs once; it must not restart."
    assert migrate.get("image") == services["web"]["image"], "migrate runs the app's own image."
    assert app_environment(migrate) == app_environment(services["web"]), "migrate needs the app's settings."
    assert migrate["depends_on"]["postgres"]["condition"] == "service_healthy"
    for name in APP_SERVICES:
        condition = services[name].get("depends_on", {}).get("migrate", {}).get("condition")
        assert condition == "service_completed_successfully", f"{name} should wait for the migrations."
        assert "migrate" not in command_text(services[name]), f"{name} migrates; only migrate should."


def test_compose_passes_demo_mode_switched_off_by_default() -> None:
    services = load_compose()["services"]
    for name in (*APP_SERVICES, "migrate"):
        environment = app_environment(services[name])
        assert environment.get("DEMO_MODE") == "${DEMO_MODE:-false}", (
            f"{name} should get DEMO_MODE, off by default."
        )
        assert "TRUSTED_PROXIES" not in environment, "Compose has no proxy of its own to trust."


def test_web_worker_and_beat_share_one_image() -> None:
    services = load_compose()["services"]
    images = {name: services[name].get("image") for name in APP_SERVICES}
    assert None not in images.values(), f"Every app service needs an image name, got {images}."
    assert len(set(images.values())) == 1, f"web, worker and beat should run one image, got {images}."
    assert "build" in services["web"], "The web service should build the shared image."


def test_healthchecks() -> None:
    services = load_compose()["services"]
    for name in (*BACKING_SERVICES, "web", "worker"):
        assert services[name].get("healthcheck", {}).get("test"), f"The {name} service has no healthcheck."


def test_app_services_wait_for_healthy_backing_services() -> None:
    services = load_compose()["services"]
    for name in APP_SERVICES:
        depends_on = services[name].get("depends_on", {})
        for backing in BACKING_SERVICES:
            condition = depends_on.get(backing, {}).get("condition") if isinstance(depends_on, dict) else None
            assert condition == "service_healthy", f"{name} should wait for {backing} to be healthy."


def test_named_volumes_are_declared() -> None:
    compose = load_compose()
    declared = set(compose.get("volumes") or {})
    for name, service in compose["services"].items():
        for volume in service.get("volumes", []):
            source = volume.get("source", "") if isinstance(volume, dict) else volume.split(":")[0]
            if source and not source.startswith((".", "/", "~")):
                assert source in declared, f"{name} mounts {source!r}, which is not a declared volume."


def test_environment_names_are_read_by_settings() -> None:
    services = load_compose()["services"]
    compose_names = set().union(*(app_environment(services[name]) for name in (*APP_SERVICES, "migrate")))
    unread = compose_names - settings_env_names()
    assert not unread, f"Compose sets variables that the settings never read: {sorted(unread)}."
    required = {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ENV"}
    missing = required - compose_names
    assert not missing, f"The app services are not given {sorted(missing)}."
    for name in (*APP_SERVICES, "migrate"):
        django_env = app_environment(services[name]).get("DJANGO_ENV")
        assert django_env == "production", f"{name} runs with DJANGO_ENV={django_env!r}, not production."


def dockerfile_instructions() -> list[str]:
    """The Dockerfile's instructions, with backslash-continued lines joined and comments dropped."""
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def test_dockerfile_runs_as_non_root_and_bakes_in_no_secret() -> None:
    instructions = dockerfile_instructions()
    last_from = max(i for i, line in enumerate(instructions) if line.upper().startswith("FROM "))
    users = [line.split()[1] for line in instructions[last_from:] if line.upper().startswith("USER ")]
    assert users, "The Dockerfile's final stage has no USER line, so it runs as root."
    assert users[-1].split(":")[0] not in {"root", "0"}, f"The final stage runs as {users[-1]!r}."
    env_secret = [line for line in instructions if line.upper().startswith("ENV ") and "SECRET_KEY" in line]
    assert not env_secret, f"The Dockerfile bakes SECRET_KEY into the image: {env_secret}."
