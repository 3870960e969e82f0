"""64 uk, saved HTML page: a network's practice bank listing (cookie dialog, skip link, navigation,
search form, breadcrumb, filter aside with checkbox counts, result bar, seven <article> cards with a
'Країна · Місто · Рік' meta line, an organisation paragraph (missing on one card), teaser, tags),
pagination, a call to action, newsletter form and footer; HTML entities (&middot; &mdash; &laquo;)."""

from html import escape

from common import OUT

CARDS = [
    (
        "Кав'ярня «Розмовляй»",
        "Україна",
        "Ужгород",
        "з 2022",
        "Благодійний фонд «Закарпатська хвиля»",
        "Кав'ярня, де працюють переміщені особи, а відвідувачі можуть безкоштовно попрактикувати українську та угорську мови з волонтерами. За три роки в розмовних клубах узяли участь близько 1 500 відвідувачів.",
        ["мова", "робота", "згуртованість"],
    ),
    (
        "Житло на перехідний період",
        "Україна",
        "Івано-Франківськ",
        "2022–2024",
        "Івано-Франківська міська рада",
        "Модульне містечко на 350 місць із соціальним супроводом та програмою переходу до орендованого житла. Через містечко пройшли 1 120 мешканців, з них 640 згодом орендували власне житло.",
        ["житло", "соціальна підтримка"],
    ),
    (
        "Матусині ранки",
        "Польща",
        "Вроцлав",
        "2019 – триває",
        "Fundacja Dom Otwarty",
        "Ранкові зустрічі для мам із маленькими дітьми: польська мова, поради педіатра, обмін речами. Щороку понад 200 жінок, більшість — з України та Білорусі.",
        ["жінки", "діти", "мова"],
    ),
    (
        "Школа без кордонів",
        "Україна",
        "Вінниця",
        "навчальний рік 2023/2024",
        None,
        "Учителі кількох шкіл самоорганізувалися, щоб проводити додаткові уроки для дітей, які навчалися дистанційно в школах своїх рідних міст. Заняття відвідували 96 учнів.",
        ["освіта", "волонтерство"],
    ),
    (
        "Кар'єрний старт у Кишиневі",
        "Молдова",
        "Кишинів",
        "2022–2023",
        "Asociația Oportunități pentru Toți",
        "Консультації з працевлаштування, переклад резюме та зустрічі з роботодавцями для українських біженців. 380 осіб (понад 900 консультацій).",
        ["робота", "біженці"],
    ),
    (
        "Сусідська рада",
        "Україна",
        "Ужгород",
        "з 2023",
        "ГО «Спільний простір»",
        "Регулярні зустрічі місцевих мешканців і переміщених осіб одного мікрорайону, на яких вирішують спільні проблеми — від освітлення дворів до графіку вивезення сміття. Кількість учасників: н/д.",
        ["участь", "сусідство"],
    ),
    (
        "Психолог поруч",
        "Чехія",
        "Брно",
        "2022 – триває",
        "Spolek Nový domov",
        "Група психологів-українок, які працюють у Чехії, консультує співвітчизників рідною мовою онлайн і в офісі спілки. З початку проєкту допомогу отримали 410 людей.",
        ["психологічна підтримка"],
    ),
]


def e(text: str) -> str:
    """Escape as a CMS would: quotes and dashes as entities."""
    return (
        escape(text, quote=False)
        .replace("«", "&laquo;")
        .replace("»", "&raquo;")
        .replace("—", "&mdash;")
        .replace("–", "&ndash;")
    )


cards = []
for i, (title, country, city, years, org, teaser, tags) in enumerate(CARDS, 1):
    org_html = f'\n      <p class="card__org">Організація: {e(org)}</p>' if org else ""
    tag_html = "".join(
        f'<li><a href="/praktyky?tag={i}{k}">#{escape(t)}</a></li>'
        for k, t in enumerate(tags)
    )
    cards.append(f"""    <article class="card" id="p-{100 + i}">
      <h3 class="card__title"><a href="/praktyky/{100 + i}">{e(title)}</a></h3>
      <p class="card__meta">{e(country)} &middot; {e(city)} &middot; {e(years)}</p>{org_html}
      <p class="card__teaser">{e(teaser)}</p>
      <ul class="card__tags">{tag_html}</ul>
      <a class="card__more" href="/praktyky/{100 + i}">Детальніше &rarr;</a>
    </article>""")

html = f"""<!DOCTYPE html>
<html lang="uk">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Банк практик &mdash; Громади разом</title>
  <meta name="description" content="Перевірені рішення для громад, які приймають переміщених осіб і мігрантів.">
  <link rel="stylesheet" href="/static/css/site.min.css">
  <style>.card{{border:1px solid #ddd;padding:1rem;margin:0 0 1rem}} .visually-hidden{{position:absolute;left:-9999px}}</style>
  <script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments);}}gtag('consent','default',{{'analytics_storage':'denied'}});</script>
</head>
<body>
<div class="cookie" role="dialog" aria-label="Файли cookie">
  <p>Ми використовуємо файли cookie, щоб сайт працював краще. Детальніше в <a href="/privacy">Політиці конфіденційності</a>.</p>
  <button>Прийняти всі</button> <button>Лише необхідні</button> <button>Налаштувати</button>
</div>
<a class="visually-hidden" href="#main">Перейти до основного вмісту</a>
<header class="site-header">
  <a class="logo" href="/">ГРОМАДИ РАЗОМ &mdash; мережа громад, що приймають</a>
  <nav><ul><li><a href="/">Головна</a></li><li><a href="/about">Про мережу</a></li><li><a href="/praktyky">Банк практик</a></li><li><a href="/news">Новини</a></li><li><a href="/events">Події</a></li><li><a href="/contacts">Контакти</a></li></ul></nav>
  <form class="search" action="/search"><label for="q">Пошук по сайту</label><input id="q" name="q"><button>Знайти</button></form>
  <div class="lang"><a href="/uk">UA</a> | <a href="/en">EN</a></div>
</header>
<nav class="breadcrumb" aria-label="breadcrumb"><ol><li><a href="/">Головна</a></li><li><a href="/praktyky">Банк практик</a></li><li>Інтеграція та згуртованість</li></ol></nav>
<main id="main">
  <h1>Банк практик</h1>
  <p class="lead">Перевірені рішення для громад, які приймають внутрішньо переміщених осіб, біженців і мігрантів.</p>
  <aside class="filters">
    <h2>Фільтри</h2>
    <fieldset><legend>Країна</legend>
      <label><input type="checkbox"> Україна (41)</label>
      <label><input type="checkbox"> Польща (12)</label>
      <label><input type="checkbox"> Молдова (5)</label>
      <label><input type="checkbox"> Чехія (4)</label>
    </fieldset>
    <fieldset><legend>Тема</legend>
      <label><input type="checkbox"> Житло (9)</label>
      <label><input type="checkbox"> Освіта (17)</label>
      <label><input type="checkbox"> Робота (14)</label>
      <label><input type="checkbox"> Психологічна підтримка (8)</label>
      <label><input type="checkbox"> Участь (11)</label>
    </fieldset>
    <fieldset><legend>Рік початку</legend>
      <select><option>Будь-який</option><option>до 2020 (6)</option><option>2020&ndash;2022 (23)</option><option>після 2022 (33)</option></select>
    </fieldset>
    <button>Застосувати</button> <button type="reset">Скинути</button>
  </aside>
  <div class="results">
    <p class="results__count">Знайдено 62 практики &middot; показано 1&ndash;7</p>
    <label>Сортувати: <select><option>Найновіші</option><option>За назвою</option></select></label>
  </div>
  <section class="cards">
{chr(10).join(cards)}
  </section>
  <nav class="pagination" aria-label="Сторінки"><a href="?page=0">&laquo; Попередня</a> <span>1</span> <a href="?page=2">2</a> <a href="?page=3">3</a> &hellip; <a href="?page=9">9</a> <a href="?page=2">Наступна &raquo;</a></nav>
  <section class="cta">
    <h2>Маєте практику, якою хочете поділитися?</h2>
    <p>Заповніть коротку форму, і наша команда зв'яжеться з вами.</p>
    <a class="button" href="/praktyky/new">Запропонувати практику</a>
  </section>
  <section class="newsletter">
    <h2>Підпишіться на розсилку</h2>
    <form><label for="m">Ваш e-mail</label> <input id="m" type="email"> <button>Підписатися</button></form>
  </section>
</main>
<footer class="site-footer">
  <p>&copy; 2025 Мережа &laquo;Громади разом&raquo; &middot; <a href="/sitemap">Мапа сайту</a> &middot; <a href="/privacy">Політика конфіденційності</a> &middot; <a href="/a11y">Доступність</a></p>
  <p>Сайт створено за підтримки партнерів мережі.</p>
</footer>
<script src="/static/js/site.min.js" defer></script>
</body>
</html>
"""
(OUT / "64_uk_bank-praktyk-web.html").write_text(html, encoding="utf-8")
(OUT / "64_uk_bank-praktyk-web.txt").unlink(missing_ok=True)
