"""`make test` sets itself up on a fresh machine: Chromium for the browser tests is installed
first when missing (as root), or the suite does not start and says the one command to run."""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "infra" / "local" / "chromium.sh"
AS_NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def ensure(chromium: Path, path_dirs=(), as_nobody=False) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": os.pathsep.join([*map(str, path_dirs), "/usr/bin", "/bin"])}
    prefix = AS_NOBODY if as_nobody and os.geteuid() == 0 else []
    script = SCRIPT
    if prefix:  # a checkout in a private folder (mktemp -d) is closed to nobody: a copy
        folder = Path(tempfile.mkdtemp(prefix="plein-chromium-sh-"))
        folder.chmod(0o755)
        script = folder / SCRIPT.name
        script.write_bytes(SCRIPT.read_bytes())
        script.chmod(0o644)
    try:
        return subprocess.run([*prefix, "sh", str(script), str(chromium)], env=env,
                              capture_output=True, text=True, timeout=60)
    finally:
        if script != SCRIPT:
            shutil.rmtree(script.parent)


def fake_apt_get(folder: Path, chromium: Path) -> Path:
    """Records its arguments; `install` puts an executable where Debian's package would."""
    folder.mkdir()
    tool = folder / "apt-get"
    tool.write_text(f'#!/bin/sh\necho "$@" >> {folder}/calls\n'
                    f'[ "$1" = install ] || [ "$2" = install ] && '
                    f'printf "#!/bin/sh\\n" > {chromium} && chmod +x {chromium}\nexit 0\n')
    tool.chmod(0o755)
    return folder / "calls"


def test_make_test_checks_for_chromium_before_anything_else():
    planned = subprocess.run(["make", "-n", "test", "CHROMIUM=/nowhere/chromium"], cwd=ROOT,
                             capture_output=True, text=True, timeout=60).stdout.splitlines()
    first = next(i for i, line in enumerate(planned) if "chromium.sh" in line)
    assert planned[first].endswith("infra/local/chromium.sh /nowhere/chromium")
    assert first < next(i for i, line in enumerate(planned) if "pytest" in line)
    chosen = subprocess.run(["make", "-n", "chromium"], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "PLEIN_CHROMIUM": "/opt/other/chromium"})
    assert "chromium.sh /opt/other/chromium" in chosen.stdout


def test_a_present_chromium_needs_nothing(tmp_path):
    calls = fake_apt_get(tmp_path / "bin", tmp_path / "unused")
    done = ensure(Path("/bin/sh"), [tmp_path / "bin"])
    assert done.returncode == 0 and done.stderr == ""
    assert not calls.exists()


def test_someone_else_than_root_is_told_the_one_command(tmp_path):
    tmp_path.chmod(0o755)
    calls = fake_apt_get(tmp_path / "bin", tmp_path / "chromium")
    done = ensure(tmp_path / "chromium", [tmp_path / "bin"], as_nobody=True)
    assert done.returncode == 1
    assert "sudo make chromium" in done.stderr
    assert not calls.exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="installing packages takes root")
def test_root_installs_debians_chromium(tmp_path):
    chromium = tmp_path / "chromium"
    calls = fake_apt_get(tmp_path / "bin", chromium)
    done = ensure(chromium, [tmp_path / "bin"])
    assert done.returncode == 0, done.stderr
    assert calls.read_text().splitlines() == [
        "update -qq", "install -y -qq --no-install-recommends chromium fonts-dejavu-core"]
    assert os.access(chromium, os.X_OK)
