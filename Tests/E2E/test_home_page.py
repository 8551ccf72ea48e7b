"""The home page in a real browser: Debian's headless Chromium through chromium-driver."""
import os

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service as DriverService
from selenium.webdriver.common.by import By


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=DriverService("/usr/bin/chromedriver"), options=options)
    yield driver
    driver.quit()


def test_home_page_shows_russian_title_and_heading(service, browser, artifacts):
    browser.get(service.url + "/")
    assert "Konkurs" in browser.title
    assert browser.find_element(By.TAG_NAME, "h1").text == "Конкурсы профессионального мастерства"
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ru"
    # The stylesheet loaded: the header got its colour from /static/site.css.
    header = browser.find_element(By.CLASS_NAME, "site-header")
    assert header.value_of_css_property("background-color") == "rgba(31, 95, 168, 1)"
    browser.save_screenshot(os.path.join(artifacts, "home.png"))
