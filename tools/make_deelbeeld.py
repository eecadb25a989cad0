"""Render tools/deelbeeld.html to generator/render/assets/deelbeeld.png (the link-preview image) in Chromium."""

from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent

with sync_playwright() as playwright:
    browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
    page = browser.new_page(viewport={"width": 1200, "height": 630})
    page.goto((ROOT / "tools" / "deelbeeld.html").as_uri())
    page.screenshot(path=str(ROOT / "generator" / "render" / "assets" / "deelbeeld.png"))
    browser.close()
