"""Driving Chromium like a person on a phone: sign in, click and wait for the next page."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


def click_and_wait(browser, element):
    """Clicks a link or a form button and waits until the next page has replaced this one."""
    old = browser.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(browser, 10).until(lambda driver: driver.find_element(By.TAG_NAME, "html") != old)


def sign_in(browser, service, login, password):
    browser.delete_all_cookies()
    browser.get(service.url + "/login")
    browser.find_element(By.NAME, "login").send_keys(login)
    browser.find_element(By.NAME, "password").send_keys(password)
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.form button[type=submit]"))
