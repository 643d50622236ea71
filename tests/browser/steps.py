"""Steps a person takes in the browser, shared by the browser tests."""


def sign_in(page, name: str) -> None:
    page.goto("/")
    picker = page.get_by_label("Inloggen als demomedewerker")
    value = picker.locator("option", has_text=name).get_attribute("value")
    picker.select_option(value)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_text(name).first.wait_for()
