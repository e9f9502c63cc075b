"""The demo course, in Finnish and English. A small taste of the full foresight course.

Each page is keyed by its Finnish slug; the English version is its translation.
Bodies are lists of (block type, value) pairs; "@image", "@video" and "@worksheet" stand
for media the loader makes.
"""

HOME = {
    "fi": {
        "title": "Ennakoinnin perusteet yrittäjille",
        "intro": "<p>Maksuton verkkokurssi kymenlaaksolaisille yrittäjille: opi näkemään "
        "muutokset ajoissa ja tekemään parempia päätöksiä jo tänään.</p>",
    },
    "sv": {
        "title": "Grunderna i framsynthet för företagare",
        "intro": "<p>En kostnadsfri webbkurs för företagare i Kymmenedalen. Kursinnehållet "
        "finns på finska och engelska; användargränssnittet finns också på svenska.</p>",
    },
    "en": {
        "title": "Foresight basics for entrepreneurs",
        "intro": "<p>A free online course for entrepreneurs in Kymenlaakso: learn to spot "
        "change early and make better decisions today.</p>",
    },
}

COURSE_INDEX = {
    "slug": {"fi": "kurssit", "en": "courses"},
    "title": {"fi": "Kurssit", "en": "Courses"},
    "intro": {
        "fi": "<p>Kaikki kurssit ovat maksuttomia ja avoimia kaikille.</p>",
        "en": "<p>Every course is free and open to everyone.</p>",
    },
}

COURSE = {
    "slug": {"fi": "ennakoinnin-perusteet-esittely", "en": "foresight-basics-preview"},
    "title": {
        "fi": "Ennakoinnin perusteet – esittely",
        "en": "Foresight basics – a preview",
    },
    "summary": {
        "fi": "Lyhyt esittely ennakointiin: miksi tulevaisuutta kannattaa tarkastella "
        "monikossa ja miten muutosta luetaan omassa yrityksessä.",
        "en": "A short introduction to foresight: why it pays to look at futures in the "
        "plural, and how to read change in your own firm.",
    },
    "outcomes": {
        "fi": [
            "Erotat ennusteen ja ennakoinnin toisistaan.",
            "Tunnistat megatrendin, trendin ja muutosajurin eron.",
            "Teet PESTEL-katsauksen omalle yrityksellesi.",
        ],
        "en": [
            "Tell a forecast from foresight.",
            "Tell a megatrend, a trend and a driver of change apart.",
            "Run a PESTEL review of your own firm.",
        ],
    },
    "minutes": 60,
}

MODULES = [
    {
        "slug": {"fi": "miksi-ennakoida", "en": "why-foresight"},
        "title": {"fi": "1. Miksi ennakoida?", "en": "1. Why foresight?"},
        "intro": {
            "fi": "<p>Ennakointi ei ole tulevaisuuden arvaamista vaan valmistautumista "
            "useaan mahdolliseen tulevaisuuteen.</p>",
            "en": "<p>Foresight is not guessing the future; it is getting ready for "
            "several possible ones.</p>",
        },
        "lessons": [
            {
                "slug": {"fi": "ennuste-vai-ennakointi", "en": "forecast-or-foresight"},
                "title": {"fi": "Ennuste vai ennakointi?", "en": "Forecast or foresight?"},
                "minutes": 8,
                "body": {
                    "fi": [
                        (
                            "paragraph",
                            "<p>Ennuste kertoo, mitä todennäköisesti tapahtuu, jos "
                            "nykyinen kehitys jatkuu. Ennakointi kysyy laajemmin: mitä kaikkea "
                            "voisi tapahtua, mikä niistä olisi meille toivottavaa ja miten "
                            "voimme vaikuttaa siihen, mikä toteutuu.</p>",
                        ),
                        ("video", "@video"),
                        ("heading", {"text": "Esimerkki pienestä yrityksestä", "level": "h2"}),
                        (
                            "paragraph",
                            "<p>Kotkalainen kahvila ennusti kesän myynnin edellisten "
                            "vuosien perusteella. Ennakoiva yrittäjä kysyisi lisäksi: entä jos "
                            "risteilymatkustajia tuleekin puolet vähemmän, tai kaksi kertaa "
                            "enemmän? Kummallekin vaihtoehdolle kannattaa miettiä valmiiksi "
                            "ensimmäinen askel.</p>",
                        ),
                        ("image", "@image"),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "title": "Vinkki",
                                "text": "<p>Varaa kalenteriisi vartti viikossa "
                                "tulevaisuuden pohtimiseen.</p>",
                            },
                        ),
                        (
                            "reflection",
                            {
                                "prompt": "Mihin yrityksesi päätökseen luotat nyt "
                                "yhteen ennusteeseen? Mitä tekisit, jos se osuisi "
                                "väärin?",
                                "hint": "Kirjoita muutama virke.",
                            },
                        ),
                    ],
                    "en": [
                        (
                            "paragraph",
                            "<p>A forecast tells what is likely to happen if current "
                            "developments continue. Foresight asks more: what could happen, "
                            "which of those futures we would prefer, and how we can influence "
                            "which one comes.</p>",
                        ),
                        ("video", "@video"),
                        ("heading", {"text": "An example from a small firm", "level": "h2"}),
                        (
                            "paragraph",
                            "<p>A café in Kotka forecast its summer sales from past "
                            "years. A foresighted owner would also ask: what if half as many "
                            "cruise passengers came, or twice as many? For each alternative it "
                            "pays to plan the first step in advance.</p>",
                        ),
                        ("image", "@image"),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "title": "Tip",
                                "text": "<p>Book fifteen minutes a week in your "
                                "calendar for thinking about the future.</p>",
                            },
                        ),
                        (
                            "reflection",
                            {
                                "prompt": "Which decision in your firm rests on a "
                                "single forecast today? What would you do if it "
                                "proved wrong?",
                                "hint": "Write a few sentences.",
                            },
                        ),
                    ],
                },
            },
            {
                "slug": {"fi": "tulevaisuudet-monikossa", "en": "futures-in-the-plural"},
                "title": {"fi": "Tulevaisuudet monikossa", "en": "Futures in the plural"},
                "minutes": 10,
                "body": {
                    "fi": [
                        (
                            "paragraph",
                            "<p>Tulevaisuuksia on monta: <b>mahdollisia</b>, "
                            "<b>todennäköisiä</b> ja <b>toivottavia</b>. Kymenlaakson "
                            "ennakointimallissa käytetään kolmea aikajännettä: lyhyt 1–3 vuotta, "
                            "keskipitkä 4–5 vuotta ja pitkä yli 6 vuotta.</p>",
                        ),
                        (
                            "paragraph",
                            "<p>Haminalainen rakennusalan yritys suunnittelee "
                            "rekrytoinnit lyhyellä aikajänteellä, mutta konehankinnat ja "
                            "osaamisen kehittämisen keskipitkällä. Pitkällä aikajänteellä se "
                            "pohtii, millaisia rakennuksia alueelle tarvitaan, kun väestö "
                            "ikääntyy.</p>",
                        ),
                        (
                            "document",
                            {
                                "document": "@worksheet",
                                "title": "Aikajänteet-tehtäväpohja",
                                "description": "Tulosta ja täytä omat päätöksesi "
                                "kolmelle aikajänteelle.",
                            },
                        ),
                        (
                            "reflection",
                            {
                                "prompt": "Mikä on yrityksesi toivottava tulevaisuus "
                                "viiden vuoden päästä?",
                                "hint": "",
                            },
                        ),
                    ],
                    "en": [
                        (
                            "paragraph",
                            "<p>There are many futures: <b>possible</b>, "
                            "<b>probable</b> and <b>preferable</b> ones. The Kymenlaakso "
                            "foresight model uses three time horizons: short, 1–3 years; medium, "
                            "4–5 years; and long, 6 years or more.</p>",
                        ),
                        (
                            "paragraph",
                            "<p>A construction firm in Hamina plans hiring on the "
                            "short horizon, but machinery and skills on the medium one. On the "
                            "long horizon it asks what buildings the region will need as its "
                            "population ages.</p>",
                        ),
                        (
                            "document",
                            {
                                "document": "@worksheet",
                                "title": "Time horizons worksheet",
                                "description": "Print it and fill in your own decisions "
                                "for the three horizons.",
                            },
                        ),
                        (
                            "reflection",
                            {
                                "prompt": "What is the preferable future of your firm "
                                "five years from now?",
                                "hint": "",
                            },
                        ),
                    ],
                },
            },
        ],
    },
    {
        "slug": {"fi": "muutoksen-lukeminen", "en": "reading-change"},
        "title": {"fi": "2. Muutoksen lukeminen", "en": "2. Reading change"},
        "intro": {
            "fi": "<p>Megatrendit, trendit ja muutosajurit: mistä muutos syntyy ja miten se "
            "näkyy omassa yrityksessä.</p>",
            "en": "<p>Megatrends, trends and drivers: where change comes from and how it "
            "shows in your own firm.</p>",
        },
        "lessons": [
            {
                "slug": {"fi": "megatrendit-ja-trendit", "en": "megatrends-and-trends"},
                "title": {"fi": "Megatrendit ja trendit", "en": "Megatrends and trends"},
                "minutes": 10,
                "body": {
                    "fi": [
                        (
                            "paragraph",
                            "<p><b>Megatrendi</b> on laaja, hidas ja yleensä "
                            "maailmanlaajuinen muutoksen kaari, joka koostuu monista ilmiöistä. "
                            "<b>Trendi</b> kertoo muutoksen nykyisen suunnan; se voi vaihdella "
                            "alueittain ja kääntyä nopeasti. <b>Muutosajuri</b> on voima, joka "
                            "työntää muutosta eteenpäin.</p>",
                        ),
                        (
                            "paragraph",
                            "<p>Väestön ikääntyminen on megatrendi. Kouvolalaisen "
                            "siivousyrityksen kannalta siitä seuraa trendi: kotiin ostettavien "
                            "palvelujen kysyntä kasvaa. Ajurina toimii muun muassa "
                            "kotitalousvähennys.</p>",
                        ),
                        (
                            "reflection",
                            {"prompt": "Mikä megatrendi näkyy jo asiakkaissasi?", "hint": ""},
                        ),
                    ],
                    "en": [
                        (
                            "paragraph",
                            "<p>A <b>megatrend</b> is a broad, slow and usually "
                            "global arc of change made of many phenomena. A <b>trend</b> is the "
                            "present direction of a change; it can differ by region and turn "
                            "quickly. A <b>driver</b> is a force that pushes change on.</p>",
                        ),
                        (
                            "paragraph",
                            "<p>Population ageing is a megatrend. For a cleaning "
                            "firm in Kouvola it brings a trend: demand for services bought for "
                            "the home grows. One driver is the household tax credit.</p>",
                        ),
                        (
                            "reflection",
                            {
                                "prompt": "Which megatrend already shows in your customers?",
                                "hint": "",
                            },
                        ),
                    ],
                },
            },
            {
                "slug": {"fi": "pestel-omalle-yritykselle", "en": "pestel-for-your-firm"},
                "title": {"fi": "PESTEL omalle yritykselle", "en": "PESTEL for your own firm"},
                "minutes": 15,
                "body": {
                    "fi": [
                        (
                            "paragraph",
                            "<p>PESTEL on muistilista toimintaympäristön "
                            "tarkasteluun: poliittiset, taloudelliset, sosiaaliset, "
                            "teknologiset, ympäristöön liittyvät ja oikeudelliset tekijät.</p>",
                        ),
                        (
                            "callout",
                            {
                                "kind": "example",
                                "title": "Esimerkki",
                                "text": "<p>Virolahtelainen maatilamatkailuyritys "
                                "löysi PESTELin avulla kuusi muutosta, joista "
                                "tärkeimmäksi nousi energian hinta.</p>",
                            },
                        ),
                        (
                            "reflection",
                            {
                                "prompt": "Kirjoita jokaiseen PESTEL-kohtaan yksi "
                                "muutos, joka koskee yritystäsi.",
                                "hint": "",
                            },
                        ),
                    ],
                    "en": [
                        (
                            "paragraph",
                            "<p>PESTEL is a checklist for scanning the operating "
                            "environment: political, economic, social, technological, "
                            "environmental and legal factors.</p>",
                        ),
                        (
                            "callout",
                            {
                                "kind": "example",
                                "title": "Example",
                                "text": "<p>A farm-tourism firm in Virolahti used PESTEL "
                                "to find six changes; the price of energy turned out to "
                                "matter most.</p>",
                            },
                        ),
                        (
                            "reflection",
                            {
                                "prompt": "Write one change that affects your firm "
                                "under each PESTEL heading.",
                                "hint": "",
                            },
                        ),
                    ],
                },
            },
        ],
    },
]

MEDIA_TEXT = {
    "image_alt": {
        "fi": "Kaavio: nykyhetkestä aukeava tulevaisuuskartio, jossa sisimpänä todennäköiset, "
        "sitten mahdolliset tulevaisuudet; toivottava tulevaisuus on merkitty tähdellä.",
        "en": "Diagram: a futures cone opening from the present, with probable futures "
        "innermost, then possible ones; the preferable future is marked with a star.",
    },
    "image_caption": {"fi": "Tulevaisuuskartio", "en": "The futures cone"},
    "video_title": {
        "fi": "Kurssin esittely (paikkamerkkivideo)",
        "en": "Course introduction (placeholder video)",
    },
    "transcript": {
        "fi": "<p>[Paikkamerkkivideo.] Tervetuloa kurssille! Ennakointi auttaa näkemään "
        "useita mahdollisia tulevaisuuksia. Kurssin lopussa osaat tehdä yrityksellesi "
        "yksinkertaisen tulevaisuuskatsauksen.</p>",
        "en": "<p>[Placeholder video.] Welcome to the course! Foresight helps you see "
        "several possible futures. By the end you can put together a simple futures review "
        "for your own firm.</p>",
    },
}

# Quizzes. Questions use the raw StreamField form; "correct" marks the right choices.
MODULE_QUIZ = {
    "module": 0,
    "slug": {"fi": "tarkistuskysymykset-1", "en": "check-your-understanding-1"},
    "title": {
        "fi": "Tarkistuskysymykset: Miksi ennakoida?",
        "en": "Check your understanding: Why foresight?",
    },
    "intro": {
        "fi": "<p>Neljä kysymystä moduulin asioista. Läpäisyraja on 75 %.</p>",
        "en": "<p>Four questions on this module. The pass mark is 75%.</p>",
    },
    "questions": {
        "fi": [
            (
                "single_choice",
                "Mikä kuvaa ennakointia parhaiten?",
                [
                    (
                        "Yhden todennäköisimmän tulevaisuuden laskeminen",
                        False,
                        "Tämä on ennuste: se olettaa nykyisen kehityksen jatkuvan.",
                    ),
                    (
                        "Useiden mahdollisten tulevaisuuksien tarkastelu ja niihin vaikuttaminen",
                        True,
                        "Juuri näin: ennakointi puhuu tulevaisuuksista monikossa.",
                    ),
                    (
                        "Menneiden myyntilukujen raportointi",
                        False,
                        "Menneisyys on lähtötietoa, mutta ei vielä ennakointia.",
                    ),
                ],
                "Ennuste jatkaa nykyistä kehitystä; ennakointi avaa useita vaihtoehtoja ja "
                "kysyy, mihin voimme itse vaikuttaa.",
            ),
            (
                "multiple_choice",
                "Mitkä kolme tulevaisuuksien lajia kurssilla erotetaan?",
                [
                    ("Mahdolliset", True, ""),
                    ("Todennäköiset", True, ""),
                    ("Toivottavat", True, ""),
                    (
                        "Väistämättömät",
                        False,
                        "Ennakoinnin lähtöajatus on, ettei tulevaisuus ole ennalta määrätty.",
                    ),
                ],
                "Mahdolliset, todennäköiset ja toivottavat tulevaisuudet; väistämätöntä "
                "tulevaisuutta ei ennakoinnissa oleteta.",
            ),
            (
                "true_false",
                "Kymenlaakson mallissa keskipitkä aikajänne on 4–5 vuotta.",
                "true",
                "Lyhyt aikajänne on 1–3 vuotta, keskipitkä 4–5 ja pitkä yli 6 vuotta.",
            ),
            (
                "ordering",
                "Järjestä aikajänteet lyhyimmästä pisimpään.",
                ["Lyhyt: 1–3 vuotta", "Keskipitkä: 4–5 vuotta", "Pitkä: yli 6 vuotta"],
                "Aikajänteet kasvavat järjestyksessä 1–3, 4–5 ja yli 6 vuotta.",
            ),
        ],
        "en": [
            (
                "single_choice",
                "What describes foresight best?",
                [
                    (
                        "Calculating the single most probable future",
                        False,
                        "That is a forecast: it assumes current developments go on.",
                    ),
                    (
                        "Looking at several possible futures and influencing them",
                        True,
                        "Exactly: foresight speaks of futures in the plural.",
                    ),
                    (
                        "Reporting past sales figures",
                        False,
                        "The past is a starting point, but not yet foresight.",
                    ),
                ],
                "A forecast extends current developments; foresight opens several "
                "alternatives and asks what we can influence ourselves.",
            ),
            (
                "multiple_choice",
                "Which three kinds of futures does the course name?",
                [
                    ("Possible", True, ""),
                    ("Probable", True, ""),
                    ("Preferable", True, ""),
                    (
                        "Inevitable",
                        False,
                        "Foresight starts from the idea that the future is not fixed in advance.",
                    ),
                ],
                "Possible, probable and preferable futures; foresight assumes no inevitable "
                "future.",
            ),
            (
                "true_false",
                "In the Kymenlaakso model the medium time horizon is 4–5 years.",
                "true",
                "Short is 1–3 years, medium 4–5 years and long 6 years or more.",
            ),
            (
                "ordering",
                "Put the time horizons in order from shortest to longest.",
                ["Short: 1–3 years", "Medium: 4–5 years", "Long: 6+ years"],
                "The horizons grow in the order 1–3, 4–5 and 6+ years.",
            ),
        ],
    },
}

FUTURIST_TEST = {
    "slug": {"fi": "futuristitesti", "en": "futurist-test"},
    "title": {
        "fi": "Futuristitesti: millainen tulevaisuusajattelija olet?",
        "en": "The futurist test: what kind of futures thinker are you?",
    },
    "intro": {
        "fi": "<p>Vastaa kuuteen kysymykseen. Oikeita tai vääriä vastauksia ei ole; "
        "saat profiilin ja vinkin, mistä kurssilla kannattaa aloittaa.</p>",
        "en": "<p>Answer six questions. There are no right or wrong answers; you get a "
        "profile and a tip where to start the course.</p>",
    },
    "profiles": [
        (
            "present",
            0,
            {"fi": "Nykyhetkessä eläjä", "en": "Present-dweller"},
            {
                "fi": "Keskityt tähän päivään ja arjen sujumiseen. Se on vahvuus, mutta muutokset "
                "voivat yllättää.",
                "en": "You focus on today and on running things. That is "
                "a strength, but change may take you by surprise.",
            },
            {
                "fi": "Aloita pohtimalla, mitkä päätöksesi nojaavat yhteen ennusteeseen.",
                "en": "Start by asking which of your decisions rest on a single forecast.",
            },
        ),
        (
            "firefighter",
            1,
            {"fi": "Palomies", "en": "Firefighter"},
            {
                "fi": "Reagoit nopeasti, kun jotain tapahtuu. Ennakoimalla ehdit valmistautua "
                "ennen kuin tulee kiire.",
                "en": "You react fast when something happens. "
                "With foresight you get ready before the rush.",
            },
            {
                "fi": "Opettele lukemaan muutosta ja heikkoja signaaleja.",
                "en": "Learn to read change and weak signals.",
            },
        ),
        (
            "preparer",
            1,
            {"fi": "Varautuja", "en": "Preparer"},
            {
                "fi": "Varaudut riskeihin ja mietit vaihtoehtoja. Skenaariot sopivat sinulle.",
                "en": "You prepare for risks and think of alternatives. Scenarios suit you.",
            },
            {
                "fi": "Kokeile yhdistää varautuminen omaan toivottavaan tulevaisuuteesi.",
                "en": "Try linking your preparations to your own preferable future.",
            },
        ),
        (
            "maker",
            0,
            {"fi": "Tulevaisuuden tekijä", "en": "Future-maker"},
            {
                "fi": "Haluat vaikuttaa siihen, millainen tulevaisuus toteutuu.",
                "en": "You want to shape which future comes.",
            },
            {
                "fi": "Kirjoita visio ja etsi ensimmäinen askel, jonka voit ottaa jo tällä "
                "viikolla.",
                "en": "Write a vision and find a first step you can take this week.",
            },
        ),
        (
            "explorer",
            1,
            {"fi": "Tutkimusmatkailija", "en": "Explorer"},
            {
                "fi": "Olet utelias ja bongaat uusia ilmiöitä. Jäsennä löytösi, niin niistä tulee "
                "päätösten tukea.",
                "en": "You are curious and spot new things. Organise "
                "your finds and they will support your decisions.",
            },
            {
                "fi": "Kokeile PESTEL-listaa havaintojesi järjestämiseen.",
                "en": "Try the PESTEL checklist to organise what you notice.",
            },
        ),
    ],
    "questions": {
        "fi": [
            (
                "Kilpailija tuo markkinoille oudon uuden tuotteen. Mitä teet?",
                [
                    ("En välitä, se menee ohi", {"present": 2}),
                    ("Reagoin vasta, jos myyntini kärsii", {"firefighter": 2}),
                    ("Mietin, mitä tekisin, jos se yleistyy", {"preparer": 2}),
                    ("Selvitän heti, mistä ilmiössä on kyse", {"explorer": 2, "maker": 1}),
                ],
            ),
            (
                "Kuinka pitkälle eteenpäin suunnittelet?",
                [
                    ("Viikon tai kuukauden", {"present": 2, "firefighter": 1}),
                    ("Vuoden", {"preparer": 1, "firefighter": 1}),
                    ("Kolmesta viiteen vuotta", {"preparer": 2}),
                    ("Yli viisi vuotta", {"maker": 2}),
                ],
            ),
            (
                "Miltä tulevaisuus sinusta tuntuu?",
                [
                    ("En juuri mieti sitä", {"present": 2}),
                    ("Se huolestuttaa", {"firefighter": 1, "preparer": 1}),
                    ("Se kiinnostaa", {"explorer": 2}),
                    ("Se on jotain, mitä voin muovata", {"maker": 2}),
                ],
            ),
            (
                "Millainen yrityksesi strategia enimmäkseen on?",
                [
                    ("Jatketaan kuten ennenkin", {"present": 2}),
                    ("Ratkotaan ongelmat sitä mukaa kuin niitä tulee", {"firefighter": 2}),
                    ("Varaudutaan eri vaihtoehtoihin", {"preparer": 2}),
                    ("Tavoitellaan selvää visiota", {"maker": 2}),
                ],
            ),
            (
                "Uusi sääntely koskee alaasi. Miten toimit?",
                [
                    ("Hoidan asian, kun on pakko", {"present": 1, "firefighter": 2}),
                    ("Luen, mitä siitä seuraa, ja teen suunnitelman", {"preparer": 2}),
                    ("Etsin siitä uusia liiketoimintamahdollisuuksia", {"maker": 1, "explorer": 2}),
                ],
            ),
            (
                "Kuinka usein luet trendiraportteja tai tulevaisuusselvityksiä?",
                [
                    ("En koskaan", {"present": 2}),
                    ("Kun jokin kriisi pakottaa", {"firefighter": 2}),
                    ("Muutaman kerran vuodessa", {"preparer": 1, "maker": 1}),
                    ("Säännöllisesti, ja etsin myös outoja signaaleja", {"explorer": 2}),
                ],
            ),
        ],
        "en": [
            (
                "A competitor launches an odd new product. What do you do?",
                [
                    ("Ignore it, it will pass", {"present": 2}),
                    ("React only if my sales suffer", {"firefighter": 2}),
                    ("Think what I would do if it caught on", {"preparer": 2}),
                    ("Find out at once what is behind it", {"explorer": 2, "maker": 1}),
                ],
            ),
            (
                "How far ahead do you plan?",
                [
                    ("A week or a month", {"present": 2, "firefighter": 1}),
                    ("A year", {"preparer": 1, "firefighter": 1}),
                    ("Three to five years", {"preparer": 2}),
                    ("More than five years", {"maker": 2}),
                ],
            ),
            (
                "How does the future make you feel?",
                [
                    ("I hardly think about it", {"present": 2}),
                    ("It worries me", {"firefighter": 1, "preparer": 1}),
                    ("It interests me", {"explorer": 2}),
                    ("It is something I can shape", {"maker": 2}),
                ],
            ),
            (
                "What is your firm's strategy mostly?",
                [
                    ("Carry on as before", {"present": 2}),
                    ("Solve problems as they come", {"firefighter": 2}),
                    ("Prepare for different alternatives", {"preparer": 2}),
                    ("Pursue a clear vision", {"maker": 2}),
                ],
            ),
            (
                "A new regulation concerns your field. What do you do?",
                [
                    ("Deal with it when I must", {"present": 1, "firefighter": 2}),
                    ("Read what follows from it and make a plan", {"preparer": 2}),
                    ("Look for new business in it", {"maker": 1, "explorer": 2}),
                ],
            ),
            (
                "How often do you read trend reports or futures studies?",
                [
                    ("Never", {"present": 2}),
                    ("When a crisis forces me", {"firefighter": 2}),
                    ("A few times a year", {"preparer": 1, "maker": 1}),
                    ("Regularly, and I look for odd signals too", {"explorer": 2}),
                ],
            ),
        ],
    },
}

CERTIFICATE_TEMPLATE = {
    "name": {"fi": "Kurssitodistus", "en": "Course certificate"},
    "heading": {"fi": "Todistus", "en": "Certificate"},
    "statement": {"fi": "on suorittanut verkkokurssin", "en": "has completed the online course"},
    "issuer": {
        "fi": "Ennakointi Kymenlaaksossa – demo",
        "en": "Foresight in Kymenlaakso – demo",
    },
    "signatory_name": {"fi": "Kurssin vastuuhenkilö", "en": "Course lead"},
    "signatory_title": {"fi": "Esimerkkiallekirjoittaja", "en": "Sample signatory"},
}
