"""geo/render/firstview.py, geo/render/ogimage.py, geo/web/index.py and the guard's first response: the view in the HTML before any script,
titles and link previews, escaping, the seam with Streamlit's index page."""

from __future__ import annotations

import gzip
import io
import re

import pytest
from PIL import Image
from support.data import MARKUP, app_model, table_cells
from support.firstview import INDEX, Tags, asgi, request, view

from geo.data.model import Model
from geo.data.today import status_class
from geo.render.card import legend_html
from geo.render.firstview import body_html, head_html, navigation_script
from geo.render.markdown import markdown_html
from geo.render.ogimage import favicon_png, preview_png
from geo.render.palette import COLOURS, STATUS_COLOURS
from geo.render.svgmap import shapes
from geo.view.pages import request_of
from geo.view.rows import legend_counts
from geo.web.index import index_problems, inject

MODEL = app_model()


def test_the_installed_streamlit_index_has_every_marker_the_first_view_needs():
    """A seam: the first view goes into Streamlit's own index page at these places."""
    assert index_problems(INDEX) == []
    assert index_problems("<html><body></body></html>") == ["<html lang>", "<title>", "favicon link", "stylesheet"]
    assert inject("<html><body></body></html>", request("/"), MODEL, "http://x", "") is None


def test_norrbotten_in_english_head_and_body():
    req, head, body = view("/", lan="25", lang="en")
    page = inject(INDEX, req, MODEL, "https://rsp.example", "")
    assert '<html lang="en">' in page and "<title>Streamlit</title>" not in page and "./favicon.png" not in page
    h = Tags(head)
    assert h.text[0] == "Norrbottens län – whom do you contact about rural service? – RSP-kartan"
    assert h.meta("og:title") == h.meta("twitter:title") == h.text[0]
    desc = h.meta("description")
    assert "Region Norrbotten" in desc and "Apply for support" in desc and "(RSP) för Norrbotten" in desc
    assert h.meta("og:image") == h.meta("twitter:image") == "https://rsp.example/_rsp/og/25-idag-en.png"
    assert (h.meta("og:image:width"), h.meta("og:image:height")) == ("1200", "630")
    assert h.meta("twitter:card") == "summary_large_image" and h.meta("og:locale") == "en_GB"
    assert h.all("link", rel="canonical")[0]["href"] == "https://rsp.example/?lan=25&lang=en"
    assert h.all("link", rel="icon")[0]["href"] == "/_rsp/favicon.png"
    b = Tags(body)
    text = " ".join(b.text)
    assert "Region Norrbotten" in text and "Responsible in 2014–2020" in text and "Johanna Lindberg" in text
    assert "Whom do you contact about rural service in your county?" in text
    assert b.all("a", href="tel:+46920284000")  # the same body today: still a number to call


@pytest.mark.parametrize("code", sorted(MODEL.by_code))
def test_every_county_has_its_title_description_and_preview(code):
    row = MODEL.by_code[code]
    req, head, _ = view("/", lan=code)
    h = Tags(head)
    assert h.text[0].startswith(f"{row['lan']} – vem kontaktar du om landsbygdsservice?")
    desc = h.meta("description")
    assert row["today_region"] in desc
    if row["today_programme_status"] != "not_found":
        assert row["today_programme_title"] in desc
    assert h.meta("og:image").endswith(f"/_rsp/og/{code}-idag-sv.png")


def test_21_county_links_each_to_its_view_keeping_language_and_period():
    _, _, body = view("/", lan="01", lang="en", period="2014-2020")
    links = Tags(body).all("a")
    counties = [a for a in links if "data-lan" in a]
    assert sorted(a["data-lan"] for a in counties) == sorted(MODEL.by_code)
    assert all(a["href"] == f"?lan={a['data-lan']}&lang=en&period=2014-2020" for a in counties)
    assert [a for a in counties if a.get("aria-current") == "true"] == [
        next(a for a in counties if a["data-lan"] == "01")
    ]
    # the language and the period are links too, keeping the county
    assert any(a["href"] == "?lan=01&period=2014-2020" for a in links)  # Svenska
    assert any(a["href"] == "?lan=01&lang=en" for a in links)  # Today (the default period)


@pytest.mark.parametrize("period", ["idag", "2014-2020"])
def test_the_svg_colours_follow_the_period_and_the_filter_dims(period):
    _, _, body = view("/", period=period, typ="lansstyrelse")
    paths = re.findall(
        r'<a data-lan="(\d\d)"[^>]*><path d="[^"]+" fill="(#[0-9A-Fa-f]{6})" fill-opacity="([\d.]+)"', body
    )
    assert len(paths) == 21
    for code, fill, opacity in paths:
        row = MODEL.by_code[code]
        assert fill == (STATUS_COLOURS[status_class(row)] if period == "idag" else COLOURS[row["org_type"]])
        assert float(opacity) == (0.85 if row["org_type"] == "lansstyrelse" else 0.15)


def test_the_legend_counts_are_the_live_legend():
    _, _, body = view("/")
    assert legend_html(legend_counts(MODEL.rows, "idag"), "sv", "idag") in body


@pytest.mark.parametrize(
    "path, needles",
    [
        ("/kontakter", ["Alla kontakter", "Norrbottens län", "Ansök om stöd idag", "/_rsp/rsp-kontakter.csv"]),
        (
            "/andringar",
            ["Vad har ändrats", "Län där ansvarig organisationstyp har bytts (7)", "Jämförelse för alla 21 län"],
        ),
        (
            "/om",
            [
                "Om uppgifterna",
                "<h2>Vad är ett regionalt serviceprogram?</h2>",
                "<strong>Idag.</strong>",
                "<code>data/today.csv</code>",
            ],
        ),
        ("/nope", ["Sidan finns inte", "<code>nope</code>"]),
        ("/karta", ["Vem kontaktar du om landsbygdsservice i ditt län?"]),
    ],
)
def test_every_page_has_its_first_view(path, needles):
    req, head, body = view(path)
    assert all(n in body for n in needles), [n for n in needles if n not in body]
    if path in ("/kontakter", "/andringar", "/om"):
        assert Tags(head).text[0].endswith(" – RSP-kartan")


def test_the_contacts_tables_have_all_21_rows_today_and_in_2014_2020():
    _, _, body = view("/kontakter", lang="en")
    assert [len(table_cells(body, f"rsp-table-{which}")) for which in ("today", "history")] == [21, 21]
    assert "Apply for support today" in body and "<caption>Responsible in 2014–2020 (history)</caption>" in body


def test_the_contacts_table_shows_the_search_filter_and_order_of_the_address():
    _, _, body = view("/kontakter", q="lindberg")
    assert [r["lan"][0] for r in table_cells(body, "rsp-table-today")] == [
        "Norrbottens län"
    ] and "Visar 1 av 21 län." in body
    _, _, body = view("/kontakter", typ="lansstyrelse", sort="org", period="2014-2020")
    counties = [r["lan"][0] for r in table_cells(body, "rsp-table-history")]
    assert len(counties) == 6 and counties[0] == "Blekinge län"  # Länsstyrelsen i Blekinge first by name


def test_every_value_is_escaped():
    counties = MODEL.counties.copy()
    for col in ("lan", "org_name", "today_region", "contact_persons", "today_programme_title", "today_support_title"):
        counties[col] = MARKUP
    counties["today_programme_status"] = "adopted"
    counties["today_support_url"] = "javascript:alert(1)"
    counties["today_region_url"] = "javascript:alert(2)"
    log = {
        "built_at": "2026-12-04T21:05:35+00:00",
        "date": "2026-12-04",
        "lan_kod": "25",
        "lan": MARKUP,
        "field": "today_region",
        "old": MARKUP,
        "new": MARKUP + "!",
        "source": "javascript:alert(6)",
    }
    meta = dict(MODEL.meta, source_url="javascript:alert(3)")
    model = Model(counties, MODEL.municipalities, MODEL.fa, meta, changelog=(log,))
    for path in ("/", "/kontakter", "/andringar", "/om"):
        req = request_of(path, {"lan": ["25"], "q": ['"><script>alert(5)</script>']}, model.by_code, model.kommun_lan)
        html = head_html(req, model, "https://rsp.example", "") + body_html(req, model)
        assert html.count(navigation_script()) == 1  # the first view's one script, the same text on every page
        html = html.replace(navigation_script(), "")
        assert "<script" not in html and "<img" not in html and 'href="javascript' not in html, path
        assert "&lt;img src=x onerror=" in html


def test_a_hostile_host_header_does_not_reach_the_page():
    from geo.web.guard import _origin

    assert _origin({"headers": [(b"host", b'evil"><script>')], "scheme": "http"}) == "http://localhost"
    assert _origin({"headers": [(b"host", b"rsp.example"), (b"x-forwarded-proto", b"https")]}) == "https://rsp.example"


def test_the_about_markdown_escapes_markup_and_renders_links_and_lists():
    html = markdown_html(
        "## A <b>\n\nText **bold** and `x<y>` [link](https://x.example/) [bad](javascript:alert(1))\n\n- one\n  more\n- two\n\n1. first\n2. second"
    )
    assert html.startswith('<div class="rsp-md">') and "<h2>A &lt;b&gt;</h2>" in html
    assert "<strong>bold</strong>" in html and "<code>x&lt;y&gt;</code>" in html
    assert '<a href="https://x.example/">link</a>' in html and 'href="javascript' not in html
    assert "<ul>\n<li>one\nmore</li>\n<li>two</li>\n</ul>" in html and "<ol>\n<li>first</li>" in html


def test_preview_images_are_1200_by_630_and_outline_the_county():
    one = Image.open(io.BytesIO(preview_png(shapes(MODEL), MODEL.rows, "25", "idag", "Norrbottens län")))
    none = Image.open(io.BytesIO(preview_png(shapes(MODEL), MODEL.rows, None, "idag", "RSP")))
    assert one.size == none.size == (1200, 630) and one.format == "PNG"

    def black(im):
        return {c: n for n, c in im.crop((620, 15, 1185, 615)).getcolors(1 << 20)}.get((0, 0, 0), 0)

    assert black(one) > 500 and black(none) == 0
    assert Image.open(io.BytesIO(favicon_png())).size == (64, 64)


# --- the guard: the page, the files -------------------------------------------------------------------


def test_the_guard_puts_the_first_view_into_the_page_and_compresses_it():
    status, headers, body = asgi(
        "/", b"lan=25&lang=en", headers=[(b"accept-encoding", b"gzip, br"), (b"if-none-match", b'"x"')]
    )
    assert status == 200 and headers[b"content-encoding"] == b"gzip" and b"etag" not in headers
    html = gzip.decompress(body).decode("utf-8")
    assert int(headers[b"content-length"]) == len(body) <= 60_000
    assert '<html lang="en">' in html and "Norrbottens län" in html and 'property="og:image"' in html
    assert html.index('id="rsp-first"') < html.index('<div id="root">')
    # Streamlit's stylesheet comes after the first view, so it holds back only Streamlit's page
    sheet = re.search(r'<link rel="stylesheet"[^>]*index\.[\w-]+\.css', html).start()
    assert html.index('id="rsp-first"') < sheet < html.index('<div id="root">') and sheet > html.index("<body>")
    _, plain_headers, plain = asgi("/kontakter")
    assert b"content-encoding" not in plain_headers and b"Alla kontakter" in plain


@pytest.mark.parametrize(
    "status, kind, method", [(404, b"text/html", "GET"), (200, b"application/json", "GET"), (200, b"text/html", "HEAD")]
)
def test_anything_else_passes_through_unchanged(status, kind, method):
    got, _, body = asgi("/", inner_status=status, inner_type=kind, method=method)
    assert got == status and body == INDEX.encode("utf-8")


@pytest.mark.parametrize(
    "path, kind, size",
    [
        ("/_rsp/og/25-idag-en.png", b"image/png", (1200, 630)),
        ("/_rsp/og/sverige-2014-2020-sv.png", b"image/png", (1200, 630)),
        ("/_rsp/favicon.png", b"image/png", (64, 64)),
    ],
)
def test_the_guard_serves_the_previews_and_the_icon(path, kind, size):
    status, headers, body = asgi(path)
    assert status == 200 and headers[b"content-type"] == kind and Image.open(io.BytesIO(body)).size == size


def test_the_guard_serves_all_contacts_as_csv_and_refuses_unknown_files():
    status, headers, body = asgi("/_rsp/rsp-kontakter.csv")
    assert status == 200 and body.startswith("\ufeff".encode()) and body.count(b"\r\n") == 22
    assert b"attachment" in headers[b"content-disposition"]
    for path in ("/_rsp/og/99-idag-sv.png", "/_rsp/og/../../etc/passwd", "/_rsp/x.html"):
        assert asgi(path)[0] == 404


def test_the_first_views_legend_explains_the_faded_counties_like_the_live_one():
    _, _, body = view("/", typ="region", period="idag")
    assert body.count('data-type="dimmed"') == 1 and "ansvariga 2014–2020 filtret utesluter" in body
    assert 'data-type="dimmed"' not in view("/", period="idag")[2]


def test_every_preview_keeps_its_words_clear_of_the_map_in_its_own_language():
    """The site's title ran 190 px into the map, and English pages showed the Swedish image."""
    from geo.render.ogimage import MAP_BOX, TEXT_BOX, previews

    images = previews(MODEL)
    assert len(images) == 22 * 3 * 2
    for key in ("sverige-idag-sv", "sverige-idag-en", "sverige-2014-2020-en", "24-regiontyp-en", "23-idag-sv"):
        im = Image.open(io.BytesIO(images[key])).convert("RGB")
        gap = im.crop((TEXT_BOX[2] + 1, 0, MAP_BOX[0], im.height))  # between the words and the map: white
        assert gap.getcolors() == [(gap.width * gap.height, (255, 255, 255))], key
    assert images["sverige-idag-sv"] != images["sverige-idag-en"] and images["25-idag-sv"] != images["25-idag-en"]


def test_the_contacts_first_view_has_the_live_pages_form_and_keeps_the_view():
    _, _, body = view("/kontakter", q="lindberg", typ="region", sort="org", lang="en", period="idag")
    tags = Tags(body)
    form = tags.all("form", **{"class": "rf-find"})
    assert form and form[0]["method"] == "get"
    assert tags.all("input", name="q", value="lindberg")
    assert [a["value"] for a in tags.all("option") if "selected" in a] == ["org"]
    checked = [a["value"] for a in tags.all("input", name="typ") if "checked" in a]
    assert checked == ["region"] and len(tags.all("input", name="typ")) == 3
    hidden = {a["name"]: a["value"] for a in tags.all("input", type="hidden")}
    assert hidden == {"lang": "en", "period": "idag"}  # a type filter keeps the map's period as it is
    files = [a["href"] for a in tags.all("a") if "/_rsp/rsp-kontakter." in a.get("href", "")]
    assert files == [f"./_rsp/rsp-kontakter.{e}?typ=region&lang=en&q=lindberg" for e in ("csv", "xlsx", "vcf")]


@pytest.mark.parametrize(
    "ending, query, kind, counties",
    [
        ("csv", b"", b"text/csv", 21),
        ("csv", b"q=lindberg", b"text/csv", 1),
        ("xlsx", b"typ=lansstyrelse&lang=en", b"application/vnd.openxmlformats", 6),
        ("vcf", b"typ=region", b"text/vcard", 14),
    ],
)
def test_the_guard_serves_the_selection_as_csv_excel_and_vcard(ending, query, kind, counties):
    import openpyxl
    from support.data import excel_csv

    status, headers, body = asgi(f"/_rsp/rsp-kontakter.{ending}", query=query)
    assert status == 200 and headers[b"content-type"].startswith(kind)
    name = headers[b"content-disposition"].decode()
    assert name.startswith('attachment; filename="rsp-') and name.endswith(f'.{ending}"')
    assert ("contacts" if b"lang=en" in query else "kontakter") in name
    if ending == "csv":
        assert len(excel_csv(body)) == counties
    elif ending == "xlsx":
        rows = list(openpyxl.load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True))
        assert len(rows) == counties + 1 and "org_type_label_2014_2020" in rows[0]
        assert {r[rows[0].index("org_type_label_2014_2020")] for r in rows[1:]} == {"County administrative board"}
    else:
        text = body.decode("utf-8")
        assert text.count("BEGIN:VCARD") >= counties and text.count("X-ABSHOWAS:COMPANY") == counties
