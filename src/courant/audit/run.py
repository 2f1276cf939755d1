"""`courant audit`: serve dist/, open every page type and the newest mails in Chromium, and
put the findings of every check together.

The HTML validator (Java) runs in a thread while the browser works: on two cores the two
overlap, and the audit takes about as long as the slower of them.
"""

from __future__ import annotations

import json
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from courant import clock
from courant.audit.browser import CHROMIUM, BrowserRun, Visit, run_pages
from courant.audit.findings import Audit, Check, Finding, Level, Target
from courant.audit.html import validate
from courant.audit.links import Site, check_links
from courant.audit.mail import check_mail, data_date, load_features
from courant.audit.serve import Served, serving
from courant.audit.targets import (
    EDITIONS,
    SITES,
    all_mails,
    mail_targets,
    page_targets,
    published_issues,
)
from courant.read.config import Config, load_config

EDITION_SITE = {"staff": "intranet", "partners": "public"}


class AuditSetupError(Exception):
    """Something the audit needs is missing (a tool, or the built site): a Dutch message."""


@dataclass(frozen=True, slots=True)
class Tools:
    axe: Path
    axe_locale: Path | None
    vnu: Path
    caniemail: Path

    def versions(self, vnu: str, chromium: str) -> dict[str, str]:
        return {"axe-core": _package_version(self.axe.parent),
                "Nu Html Checker (vnu-jar)": vnu,
                "Chromium": chromium,
                "caniemail": f"{_package_version(self.caniemail.parent.parent)} (gegevens van "
                             f"{data_date(self.caniemail)})"}


def find_tools(root: Path) -> Tools:
    """The npm packages (package-lock.json: `npm ci`), Java and Chromium, or a clear message."""
    folder = next((base / "node_modules" for base in _node_bases(root)
                   if (base / "node_modules" / "axe-core").is_dir()), None)
    if folder is None:
        raise AuditSetupError("axe-core, vnu-jar en caniemail ontbreken (node_modules/): voer "
                              "'npm ci' uit in de map van courant (package-lock.json)")
    tools = Tools(folder / "axe-core" / "axe.min.js", folder / "axe-core" / "locales" / "nl.json",
                  folder / "vnu-jar" / "build" / "dist" / "vnu.jar",
                  folder / "caniemail" / "data" / "caniemail.json")
    for path in (tools.axe, tools.vnu, tools.caniemail):
        if not path.is_file():
            raise AuditSetupError(f"{path} ontbreekt: voer 'npm ci' uit in de map van courant")
    if shutil.which("java") is None:
        raise AuditSetupError("Java ontbreekt (voor de Nu Html Checker): installeer het met "
                              "scripts/install-system.sh (Debian: default-jre-headless)")
    if not CHROMIUM.exists():
        raise AuditSetupError(f"Chromium ontbreekt ({CHROMIUM}): installeer het met "
                              "scripts/install-system.sh (Debian: chromium)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        raise AuditSetupError("Playwright ontbreekt: pip install 'courant[audit]'") from None
    if tools.axe_locale is not None and not tools.axe_locale.is_file():
        tools = Tools(tools.axe, None, tools.vnu, tools.caniemail)
    return tools


def _node_bases(root: Path) -> list[Path]:
    """Where node_modules may be: the project, the working folder, courant's own checkout."""
    return [root, Path.cwd(), Path(__file__).resolve().parents[3]]


def _package_version(folder: Path) -> str:
    try:
        return str(json.loads((folder / "package.json").read_text("utf-8"))["version"])
    except (OSError, ValueError, KeyError):
        return "onbekend"


def run_audit(root: Path, dist: Path | None = None) -> Audit:
    """Audit the built project at `root` (its dist/, or `dist`)."""
    config = load_config(root / "mkdocs.yml")
    dist = (dist or root / "dist").resolve()
    sites = _sites(config, dist)
    tools = find_tools(root)
    targets = [t for name in SITES for t in page_targets(name, sites[name].folder)]
    targets += mail_targets(dist / "mail")
    mails = all_mails(dist / "mail")
    html_files = [p for site in sites.values() for p in sorted(site.folder.rglob("*.html"))]
    html_files += [dist / "mail" / m.path for m in mails]
    with ThreadPoolExecutor(max_workers=1) as pool:
        html = pool.submit(validate, tools.vnu, html_files, dist)
        browser = _browse(config, sites, dist, targets, tools)
        vnu = html.result()
    links = check_links(sites, {m.path: (dist / "mail" / m.path, EDITION_SITE.get(
        Path(m.path).stem, "public")) for m in mails})
    features = load_features(tools.caniemail)
    mail_findings = [f for m in mails for f in check_mail(
        m.path, (dist / "mail" / m.path).read_text("utf-8"), m_size(dist, m), features)]
    mail_findings += _missing_mails(sites, dist / "mail")
    pages = browser.pages
    in_browser = f"{sum(1 for t in targets if t.site != 'mail')} pagina's en " \
                 f"{sum(1 for t in targets if t.site == 'mail')} mails"
    versions = tools.versions(vnu.version, browser.version)
    checks = [
        Check("toegankelijkheid", f"Toegankelijkheid (axe-core {versions['axe-core']}, WCAG 2.0 "
              "en 2.1, A en AA)", in_browser,
              [f for r in pages for f in r.violations] + [
                  Finding(r.visit.target.name, "niet-geopend", f"de pagina opende niet: {r.error}")
                  for r in pages if r.error]),
        Check("html", f"HTML (Nu Html Checker {vnu.version})",
              f"{len(html_files)} bestanden; {vnu.warnings} waarschuwingen van vnu", vnu.findings),
        Check("links", "Links en afbeeldingen",
              f"{links.checked} verwijzingen in alle pagina's, feeds, sitemaps en mails; "
              f"{links.external} naar andere sites (niet gevolgd)",
              links.findings + [_missing(r.visit.target, url) for r in pages
                                for url in r.missing]),
        Check("verzoeken", "Verzoeken aan derden", f"alle verzoeken van {in_browser}",
              [Finding(r.visit.target.name, "derde-partij", f"vraagt {url} op bij een andere "
                       "partij dan de site zelf; die ziet dan het adres van de lezer",
                       "Zet het bestand op de eigen site (lettertypen: theme.font: false of "
                       "Materials privacy-plugin) of laat het weg.", url)
               for r in pages for url in r.third_party]),
        Check("mail", "Mail in Outlook (Windows), Gmail en Apple Mail (caniemail)",
              f"{len(mails)} mails; grootste {max((m_size(dist, m) for m in mails), default=0):,} "
              "bytes van 102.000".replace(",", "."), mail_findings),
    ]
    return Audit(clock.now().date().isoformat(), versions, targets, checks,
                 [r.weight for r in pages])


SITEMAP_REASON = (
    "Material haalt bij elke <link rel=\"alternate\"> een sitemap.xml op in dezelfde map (bedoeld "
    "voor taalversies); de feed-links van courant zijn ook 'alternate', en naast "
    "nieuwsbrief/feed.xml staat geen sitemap. Een vergeefs verzoek aan de eigen site, zonder "
    "gevolg voor de lezer.")


def _missing(target: Target, url: str) -> Finding:
    """A file the page asked its own site for that is not there (Material's sitemap look-up
    beside a feed link is the theme's)."""
    if url.endswith("/sitemap.xml"):
        return Finding(target.name, "ontbreekt", "Material vraagt een sitemap.xml op die er "
                       "niet is", SITEMAP_REASON, url, Level.THEME)
    return Finding(target.name, "ontbreekt", f"laadt {url}, maar dat bestand is er niet")


def m_size(dist: Path, mail: Target) -> int:
    return (dist / "mail" / mail.path).stat().st_size


def _sites(config: Config, dist: Path) -> dict[str, Site]:
    sites = {"intranet": Site("intranet", config.site_url, dist / "intranet"),
             "public": Site("public", config.public_url, dist / "public")}
    for site in sites.values():
        if not (site.folder / "index.html").is_file():
            raise AuditSetupError(f"{site.folder} is er niet: bouw eerst de sites met "
                                  "'courant build'")
    return sites


def _browse(config: Config, sites: dict[str, Site], dist: Path, targets: list[Target],
            tools: Tools) -> BrowserRun:
    folders = {name: (site.folder, site.prefix) for name, site in sites.items()}
    folders["mail"] = (dist / "mail", "/")
    with serving(folders) as served:
        visits = [_visit(t, served, sites) for t in targets]
        return run_pages(visits, tools.axe, tools.axe_locale)


def _visit(target: Target, served: dict[str, Served], sites: dict[str, Site]) -> Visit:
    own = served[target.site]
    if target.site != "mail":
        return Visit(target, own.url(target.path), own)
    site = sites[EDITION_SITE.get(Path(target.path).stem, "public")]
    return Visit(target, own.url(target.path), own, ((site.url, site.folder),))


def _missing_mails(sites: dict[str, Site], mail_dir: Path) -> list[Finding]:
    """Mail is written for every published issue: one per edition (the intranet shows the
    staff edition's issues, the public site the partners')."""
    found = []
    for edition, site_name in EDITION_SITE.items():
        for month in published_issues(sites[site_name].folder):
            if not (mail_dir / month / f"{edition}.html").is_file():
                found.append(Finding(f"mail {month}/{edition}.html", "mail-ontbreekt",
                                     f"nummer {month} staat op de site ({site_name}), maar de "
                                     f"{EDITIONS[edition].lower()} ontbreekt in dist/mail/",
                                     "Bouw opnieuw met 'courant build'."))
    return found
