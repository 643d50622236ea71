"""The XSS corpus through the API, rendered on the real pages in Chromium under the CSP:
no dialog opens and no script runs."""

from steps import sign_in
from xss_payloads import PAYLOADS

# Any script that runs would find this hook and call it, or open a dialog (the page fixture
# records dialogs as errors).
CANARY = "window.__xss = []; for (const n of ['alert','confirm','prompt','print']) " \
         "{ window[n] = (...a) => window.__xss.push([n, ...a]); }"

UNSAFE = """() => {
  const bad = [];
  for (const node of document.querySelectorAll('.post-body *, .comment-body *')) {
    for (const attr of node.attributes) {
      const value = attr.value.trim().toLowerCase();
      if (attr.name.startsWith('on') || attr.name === 'style' || attr.name === 'srcdoc'
          || /^(javascript|vbscript|data):/.test(value)) bad.push(node.outerHTML);
    }
    if (['SCRIPT','IFRAME','OBJECT','EMBED','SVG','IMG','STYLE','FORM'].includes(
        node.tagName.toUpperCase())) bad.push(node.outerHTML);
  }
  return bad;
}"""


def show_everything(page):
    more = page.get_by_role("button", name="Meer tonen")
    while True:
        page.wait_for_function("() => document.querySelector('.stream-items')"
                               ".getAttribute('aria-busy') === 'false'")
        if not more.is_visible():
            break
        more.click()


def test_the_corpus_runs_no_script_in_the_stream_or_in_comments(page, live):
    session = live.session()
    session.call("POST", "/api/auth/dev-login", {"email": "ruben.de.boer@voorbeeld.nl"})
    target = None
    for payload in PAYLOADS:
        status, post = session.call("POST", "/api/posts", {"body": payload})
        assert status == 201, (payload, post)
        target = target or post
        assert session.call("POST", "/api/pages/comments?path=/over-plein.html",
                            {"body": payload})[0] == 201
    for payload in PAYLOADS[:20]:
        session.call("POST", f"/api/posts/{target['id']}/comments", {"body": payload})

    page.add_init_script(CANARY)
    sign_in(page, "Ruben de Boer")
    show_everything(page)
    assert page.locator(".stream-items .post").count() >= len(PAYLOADS)
    first_post = page.locator(f'.post[data-id="{target["id"]}"]')
    first_post.get_by_role("button", name="Reacties").click()
    first_post.locator(".comment").nth(19).wait_for()
    for node in page.locator(".post-body a, .comment-body a").all()[:30]:
        node.hover()
    assert page.evaluate(UNSAFE) == []
    assert page.evaluate("window.__xss") == []

    page.goto("/over-plein.html")
    page.locator(".comment").nth(len(PAYLOADS) - 1).wait_for()
    assert page.evaluate(UNSAFE) == []
    assert page.evaluate("window.__xss") == []
    assert page.errors == []
