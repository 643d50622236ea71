"""Page weight: bytes a first visit to each kind of page downloads (HTML + its assets)."""

import re
import tempfile
from pathlib import Path

from infra import site

ASSET = re.compile(r'(?:src|href)="(/[^"#?]+\.(?:css|js|svg|jpg|jpeg|png|webp))"')
MODULE_IMPORT = re.compile(r'from "\./([\w-]+\.js)"')


def weight(root: Path, page: str) -> dict:
    html = (root / page).read_text()
    assets = set(ASSET.findall(html))
    queue = [a for a in assets if a.endswith(".js")]
    while queue:  # ES module imports are downloads too
        script = queue.pop()
        for name in MODULE_IMPORT.findall((root / script.lstrip("/")).read_text()):
            dep = str(Path(script).parent / name)
            if dep not in assets:
                assets.add(dep)
                queue.append(dep)
    sizes = {a: (root / a.lstrip("/")).stat().st_size for a in assets}
    return {"html": len(html.encode()), "assets": sizes, "requests": 1 + len(sizes),
            "total": len(html.encode()) + sum(sizes.values())}


def run() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        assert site.build(output=out)
        article = sorted((out / "nieuws").glob("*.html"))[0].relative_to(out)
        return {name: weight(out, str(page)) for name, page in
                [("home", "index.html"), ("news article", article)]}
