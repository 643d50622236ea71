"""The real `plein dev`: photos go up through /upload, are served at /media, and survive a
restart."""

import io
import signal
import urllib.request

import pytest
import urllib3
from devserver import DevServer
from PIL import Image


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (900, 600), (200, 80, 40)).save(out, "JPEG")
    return out.getvalue()


def test_a_photo_is_uploaded_served_on_our_origin_and_kept_across_restarts(tmp_path,
                                                                            built_site):
    server = DevServer(tmp_path / "data", built_site).start()
    try:
        session = server.session()
        assert session.call("POST", "/api/auth/dev-login",
                            {"email": "anna.de.vries@voorbeeld.nl"})[0] == 200
        data = jpeg()
        status, target = session.call("POST", "/api/uploads",
                                      {"content_type": "image/jpeg", "size": len(data)})
        assert status == 201
        form, ctype = urllib3.encode_multipart_formdata(
            {**target["fields"], "file": ("foto.jpg", data, "image/jpeg")})
        sent = urllib3.request("POST", server.url + target["url"], body=form,
                               headers={"Content-Type": ctype})
        assert sent.status in (200, 201, 204)
        status, post = session.call("POST", "/api/posts",
                                    {"body": "Met foto", "photos": [target["id"]]})
        assert status == 201, post
        src = post["photos"][0]["src"]
        with urllib.request.urlopen(server.url + src) as reply:
            assert reply.headers["Content-Type"] == "image/webp"
            assert "default-src 'self'" in reply.headers["Content-Security-Policy"]
        assert server.stop() == 0

        server.start()
        with urllib.request.urlopen(server.url + src) as reply:
            assert Image.open(io.BytesIO(reply.read())).format == "WEBP"
        with pytest.raises(urllib.error.HTTPError) as original:
            urllib.request.urlopen(f"{server.url}/media/../originals/x")
        assert original.value.code == 404
    finally:
        server.stop()


def test_an_answered_photo_post_survives_kill_9(tmp_path, built_site):
    # The upload, the web sizes the API made and the post are all journaled writes.
    server = DevServer(tmp_path / "data", built_site).start(snapshot_every=3600)
    session = server.session()
    assert session.call("POST", "/api/auth/dev-login",
                        {"email": "anna.de.vries@voorbeeld.nl"})[0] == 200
    data = jpeg()
    _, target = session.call("POST", "/api/uploads",
                             {"content_type": "image/jpeg", "size": len(data)})
    form, ctype = urllib3.encode_multipart_formdata(
        {**target["fields"], "file": ("foto.jpg", data, "image/jpeg")})
    assert urllib3.request("POST", server.url + target["url"], body=form,
                           headers={"Content-Type": ctype}).status == 204
    status, post = session.call("POST", "/api/posts",
                                {"body": "Net voor de crash", "photos": [target["id"]]})
    assert status == 201, post
    server.stop(signal.SIGKILL)

    server.start()
    try:
        with urllib.request.urlopen(server.url + post["photos"][0]["src"]) as reply:
            assert Image.open(io.BytesIO(reply.read())).format == "WEBP"
    finally:
        server.stop()
