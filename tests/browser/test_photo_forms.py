"""A profile photo and a group cover, chosen in their forms and uploaded like a post's photos."""

import io

from PIL import Image
from steps import sign_in


def jpeg(tmp_path, name: str, size, colour) -> str:
    path = tmp_path / name
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def wait_loaded(page, selector: str) -> None:
    """Until the image is shown; asked afresh each time, since widgets re-render their lists."""
    page.wait_for_function("""selector => {
        const img = document.querySelector(selector);
        img?.scrollIntoView();
        return Boolean(img && img.complete && img.naturalWidth > 0);
    }""", arg=selector)


def test_upload_a_profile_photo_and_see_it_on_the_profile_and_in_the_directory(page, tmp_path):
    sign_in(page, "Noor Hendriks")
    page.goto("/mensen/profiel.html")
    page.get_by_role("button", name="Profiel bewerken").click()
    page.get_by_label("Profielfoto").set_input_files(jpeg(tmp_path, "noor.jpg", (800, 1000),
                                                          (200, 120, 60)))
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Je profiel is opgeslagen.").wait_for()
    avatar = page.locator("[data-profile-avatar] img")
    avatar.wait_for()
    assert avatar.get_attribute("src").endswith("/400.webp")
    wait_loaded(page, "[data-profile-avatar] img")

    page.reload()  # stored, not just shown
    wait_loaded(page, "[data-profile-avatar] img")
    page.goto("/mensen.html?q=noor")
    page.locator(".person-card", has_text="Noor Hendriks").wait_for()
    wait_loaded(page, ".person-card .avatar img")

    page.goto("/mensen/profiel.html")
    page.get_by_role("button", name="Profiel bewerken").click()
    page.get_by_label("Mijn foto verwijderen").check()
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Je profiel is opgeslagen.").wait_for()
    assert page.locator("[data-profile-avatar] img").count() == 0
    assert page.locator("[data-profile-avatar]").inner_text() == "NH"
    assert page.errors == []


def test_start_a_group_with_a_cover_photo(page, tmp_path):
    sign_in(page, "Emre Yılmaz")
    page.goto("/groepen.html")
    form = page.locator('[data-widget="group-create"]')
    form.get_by_label("Naam").fill("Hardloopgroep")
    form.get_by_label("Omslagfoto").set_input_files(jpeg(tmp_path, "baan.jpg", (1600, 600),
                                                        (40, 90, 160)))
    form.get_by_label("Beschrijf deze foto").fill("De atletiekbaan bij zonsopgang")
    form.get_by_role("button", name="Groep aanmaken").click()
    page.wait_for_url("**/groep.html?id=*")
    group_id = page.url.rpartition("id=")[2]
    cover = page.get_by_role("img", name="De atletiekbaan bij zonsopgang")
    cover.wait_for()
    assert "400w" in cover.get_attribute("srcset") and "1200w" in cover.get_attribute("srcset")
    wait_loaded(page, "img.group-cover")

    page.goto("/groepen.html")
    page.locator(".group-card", has_text="Hardloopgroep").wait_for()
    wait_loaded(page, f'.group-card:has(a[href$="id={group_id}"]) img.group-card-cover')
    assert page.errors == []
