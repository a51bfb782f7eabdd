"""URL ingestion refuses loopback, private, link-local and metadata addresses: directly, by DNS name, by redirect."""

from __future__ import annotations

import http.server
import threading

import pytest

from zhiku.errors import FetchError
from zhiku.web.ssrf import address_refusal, check_url, fetch_guarded, parse_networks

from .conftest import TOKEN

ARTICLE = ("<html><head><title>杭州发布人工智能产业政策</title></head><body><article>"
           + "<p>杭州市发布支持大模型产业发展的若干措施，推动算力基础设施建设。</p>" * 10 + "</article></body></html>")


class Handler(http.server.BaseHTTPRequestHandler):
    redirect_to: str | None = None

    def do_GET(self):  # noqa: N802 - http.server's naming
        if self.path.startswith("/redirect"):
            self.send_response(302)
            self.send_header("Location", self.path.split("to=", 1)[1])
            self.end_headers()
            return
        body = ARTICLE.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.parametrize("address", ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                                     "::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "0.0.0.0", "100.64.0.1"])
def test_ssrf_address_refusal_names_non_public_addresses(address):
    assert address_refusal(address) is not None


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:4700:4700::1111", "114.114.114.114"])
def test_ssrf_address_refusal_lets_public_addresses_through(address):
    assert address_refusal(address) is None


def test_ssrf_dns_name_resolving_to_loopback_is_refused(site):
    port = site.rsplit(":", 1)[1]
    with pytest.raises(FetchError, match="loopback"):
        check_url(f"http://localhost:{port}/")


def test_ssrf_dns_name_resolving_to_private_address_is_refused():
    with pytest.raises(FetchError, match="private"):
        check_url("http://intranet.example/", resolve=lambda host, port: ["93.184.216.34", "10.0.0.5"])


def test_ssrf_redirect_to_metadata_address_is_refused(site):
    allowed = parse_networks(["127.0.0.1/32"])
    assert "大模型".encode() in fetch_guarded(f"{site}/page", max_bytes=100_000, allowed=allowed).content
    targets = ("http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://[::1]/", "file:///etc/passwd")
    for target in targets:
        with pytest.raises(FetchError, match="refused|not allowed"):
            fetch_guarded(f"{site}/redirect?to={target}", max_bytes=100_000, allowed=allowed)


def test_ssrf_connection_to_a_rebound_address_is_refused(site):
    # The name "resolves" to a public address when checked, but the connection lands on 127.0.0.1.
    port = site.rsplit(":", 1)[1]
    with pytest.raises(FetchError, match="connected to"):
        fetch_guarded(f"http://localhost:{port}/page", max_bytes=100_000, resolve=lambda h, p: ["93.184.216.34"])


def test_ssrf_body_over_the_limit_is_refused(site):
    with pytest.raises(FetchError, match="limit"):
        fetch_guarded(f"{site}/page", max_bytes=100, allowed=parse_networks(["127.0.0.1/32"]))


def test_api_v1_post_url_to_loopback_is_refused_with_a_reason(client, site):
    for url in (f"{site}/page", site.replace("127.0.0.1", "localhost") + "/page", f"{site}/redirect?to={site}/page"):
        response = client.post("/api/articles", json={"url": url}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert response.status_code == 422, response.text
        assert response.json()["error"]["code"] == "fetch-refused"
        assert "loopback" in response.json()["error"]["reason"]


def test_api_v1_post_url_allowed_network_is_fetched_and_stored(web_db, site):
    from fastapi.testclient import TestClient

    from zhiku.web.app import create_app

    from .conftest import make_settings

    with TestClient(create_app(make_settings(web_db, allow_networks=["127.0.0.1/32"]))) as c:
        response = c.post("/api/articles", json={"url": f"{site}/page"}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert response.status_code in (200, 201), response.text
        record = c.get(f"/api/articles/{response.json()['ids'][0]}").json()["record"]
        assert "大模型" in record["text"]
        assert record["url"].startswith(site)
