"""The preflight check turns a bad target or key into one line before any scenario runs."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from support.config import ConfigError, Settings
from support.emulator_process import EmulatorProcess
from support.preflight import preflight

CONTROL_KEY = "control-key-for-tests-1"


@pytest.fixture(scope="module")
def emulator_url(tmp_path_factory):
    process = EmulatorProcess(tmp_path_factory.mktemp("logs"))
    url = process.start()
    yield url
    process.stop()


@pytest.fixture(scope="module")
def guarded_emulator_url(tmp_path_factory):
    process = EmulatorProcess(tmp_path_factory.mktemp("logs"), args=("--control-key", CONTROL_KEY))
    url = process.start()
    yield url
    process.stop()


def _serve(status: int, content_type: str, body: bytes):
    """A local server answering every request the same way: a stand-in for a URL that is not Weavr's."""
    class Handler(BaseHTTPRequestHandler):
        def _answer(self):
            self.rfile.read(int(self.headers.get("content-length") or 0))
            self.send_response(status)
            self.send_header("content-type", content_type)
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = _answer

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture
def served():
    servers = []

    def start(status=200, content_type="text/html", body=b"<html>hello</html>"):
        server, url = _serve(status, content_type, body)
        servers.append(server)
        return url
    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def _refusal(settings: Settings) -> str:
    with pytest.raises(ConfigError) as error:
        preflight(settings)
    message = str(error.value)
    assert "\n" not in message
    return message


def test_a_running_emulator_passes_and_lends_its_programme(emulator_url):
    settings = Settings(target="emulator", base_url=emulator_url)
    preflight(settings)
    assert settings.api_key and settings.programme_key and settings.profile("corporate")


def test_a_refused_api_key_is_named(emulator_url):
    settings = Settings(target="emulator", base_url=emulator_url, api_key="wrong-key-123456")
    assert _refusal(settings) == (f"{emulator_url} refused the api-key (401): check WEAVR_API_KEY; "
                                  "unset it to use the emulator's own")


def test_a_refused_programme_key_is_named(emulator_url):
    settings = Settings(target="emulator", base_url=emulator_url, programme_key="wrong-programme-key")
    assert _refusal(settings) == (f"{emulator_url} refused the programme-key (401): check WEAVR_PROGRAMME_KEY; "
                                  "unset it to use the emulator's own")


def test_the_sandbox_target_checks_both_keys(emulator_url):
    # The emulator answers as Weavr does, so it stands in for the sandbox here.
    good = Settings(target="emulator", base_url=emulator_url)
    preflight(good)
    sandbox = dict(target="sandbox", base_url=emulator_url, api_key=good.api_key, programme_key=good.programme_key)
    preflight(Settings(**sandbox))
    assert _refusal(Settings(**{**sandbox, "api_key": "wrong-key-123456"})) == (
        f"{emulator_url} refused the api-key (401): check WEAVR_API_KEY")
    assert _refusal(Settings(**{**sandbox, "programme_key": "wrong-key-123456"})) == (
        f"{emulator_url} refused the programme-key (401): check WEAVR_PROGRAMME_KEY")


def test_a_wrong_key_is_refused_on_the_emulator_the_suite_starts(tmp_path):
    message = _refusal(Settings(target="emulator", base_url=None, programme_key="wrong-programme-key"))
    assert message == ("the emulator the suite starts refused the programme-key (401): check WEAVR_PROGRAMME_KEY; "
                       "unset it to use the emulator's own")
    message = _refusal(Settings(target="emulator", base_url=None, api_key="wrong-key-123456"))
    assert message == ("the emulator the suite starts refused the api-key (401): check WEAVR_API_KEY; "
                       "unset it to use the emulator's own")


def test_a_suite_started_emulator_without_keys_needs_no_check():
    preflight(Settings(target="emulator", base_url=None))


def test_an_unreachable_target_is_named():
    with pytest.raises(ConfigError, match="no emulator answers at http://127.0.0.1:9"):
        preflight(Settings(target="emulator", base_url="http://127.0.0.1:9"))
    with pytest.raises(ConfigError, match="cannot reach http://127.0.0.1:9"):
        preflight(Settings(target="sandbox", base_url="http://127.0.0.1:9", api_key="k", timeout=2))


@pytest.mark.parametrize("status, content_type, body", [
    (200, "text/html", b"<html>a login page</html>"),
    (404, "application/json", b'{"error": "not found"}'),
    (401, "text/html", b"<html>who are you</html>"),
])
def test_a_sandbox_url_that_is_not_weavr_stops_in_one_line(served, status, content_type, body):
    url = served(status, content_type, body)
    message = _refusal(Settings(target="sandbox", base_url=url, api_key="k", programme_key="p", timeout=5))
    assert message.startswith(f"{url} is not Weavr's") and message.endswith("check WEAVR_BASE_URL")


@pytest.mark.parametrize("content_type, body, problem", [
    ("text/html", b"<html>not an emulator</html>", "not a JSON object"),
    ("application/json", json.dumps({"apiKey": "a", "programmeKey": "b", "profiles": [],
                                     "sandboxCodes": {}}).encode(), "profiles is not an object of strings"),
    ("application/json", b"[]", "not a JSON object"),
])
def test_an_emulator_url_serving_no_programme_stops_in_one_line(served, content_type, body, problem):
    url = served(200, content_type, body)
    message = _refusal(Settings(target="emulator", base_url=url))
    assert message == (f"{url}/_emulator/programme does not answer an emulator programme ({problem}): "
                       "is WEAVR_BASE_URL an emulator? For the live sandbox set WEAVR_TARGET=sandbox")


def test_a_guarded_control_plane_needs_its_key(guarded_emulator_url):
    message = _refusal(Settings(target="emulator", base_url=guarded_emulator_url))
    assert message == (f"{guarded_emulator_url}/_emulator/programme refused the control key (401): "
                       "set WEAVR_EMULATOR_CONTROL_KEY to the emulator's --control-key")
    settings = Settings(target="emulator", base_url=guarded_emulator_url, control_key=CONTROL_KEY)
    preflight(settings)
    assert settings.api_key


def test_an_emulator_that_cannot_start_says_why(tmp_path):
    process = EmulatorProcess(tmp_path, args=("--programme", str(tmp_path)))
    with pytest.raises(ConfigError) as error:
        process.start()
    assert str(error.value) == (f"the emulator did not start (error: programme {tmp_path} is a folder; give a JSON "
                                "file); try `python -m emulator --port 0`")
