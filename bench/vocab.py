"""Small per-language vocabularies for the synthetic practices of `make bench`.

Each language has function words, integration-domain words (roughly in order of
frequency) and syllables from which `data.py` builds a long tail of rare words, so
that texts follow a Zipf-like distribution with a realistic number of distinct terms.
"""

from __future__ import annotations

FUNCTION_WORDS = {
    "en": """the of and to in a for with on is are was were by as at from that this
        their they it be have has an or not who which also more all each into through
        after between during about these its our we""",
    "ro": """și de la în a cu pentru din pe care este sunt au un o al ale că mai prin
        după între se ca lor acest această fost fi sau nu către până fiecare toate""",
    "it": """di e il la che in per con a del della un una i le gli da sono è nel alla
        dei delle come anche più tra loro questo ogni""",
    "es": """de la y el en que los las a del con para un una por se es son al como más
        su sus entre también este cada sobre""",
    "el": """και το της του να η ο σε με για τα των την που οι στο στην από ένα μια
        είναι τους ως στα στις αλλά κάθε αυτό""",
}

DOMAIN_WORDS = {
    "en": """migrants integration community support language women project city services
        employment housing education training refugees local social children families
        young people access health work school municipality association volunteers
        course courses learning skills information rights asylum reception centre
        workers cultural network partners participants mentoring jobs labour market
        citizens residents inclusion intercultural dialogue mediators mediation legal
        advice counselling newcomers neighbourhood public authorities organisations
        activities workshops sessions programme funding teachers parents pupils
        students university research entrepreneurship business enterprise digital
        literacy computer internet orientation guidance administration documents
        permits residence citizenship participation council elections voting
        discrimination racism awareness campaign media journalists stories festival
        music theatre sport football food cooking garden library doctors nurses clinic
        mental psychological trauma violence gender equality victims trafficking
        protection shelter unaccompanied minors older elderly roma undocumented
        nationals professionals staff employers companies apprenticeship internship
        qualification recognition diplomas vocational evaluation results impact
        outcomes sustainable transferable cooperation partnership municipal regional
        national european fund grants budget coordinators coordination outreach peer
        buddy mothers fathers childcare kindergarten homework tutoring translation
        interpreters multilingual welcome desk rent landlords tenants accommodation
        apartments emergency clothing solidarity faith religious interfaith belonging
        trust empowerment leadership advocacy policy strategy plan indicators
        monitoring survey data report newcomer integrated supporting trained
        volunteering mentors employed housed welcomed""",
    "ro": """migranți integrare comunitate sprijin limba femei proiect oraș servicii
        ocupare locuire educație formare refugiați local sociale copii familii tineri
        oameni acces sănătate muncă școală primăria asociația voluntari curs cursuri
        învățare competențe informații drepturi azil primire centru lucrători
        culturale rețea parteneri participanți mentorat locuri piața cetățeni
        locuitori incluziune intercultural dialog mediatori mediere juridică
        consiliere cartier publice autorități organizații activități ateliere sesiuni
        program finanțare profesori părinți elevi studenți universitate cercetare
        antreprenoriat afaceri întreprindere digitale alfabetizare calculator internet
        orientare îndrumare administrație documente permise ședere cetățenie
        participare consiliu alegeri discriminare rasism conștientizare campanie presă
        jurnaliști povești festival muzică teatru sport fotbal mâncare gătit grădină
        bibliotecă medici asistente clinică psihologic traumă violență gen egalitate
        victime trafic protecție adăpost neînsoțiți minori vârstnici romi angajatori
        companii ucenicie stagiu calificare recunoaștere diplome profesională evaluare
        rezultate impact durabil transferabil cooperare parteneriat municipal regional
        național european fond granturi buget coordonatori coordonare mame tați
        grădiniță teme meditații traducere interpreți multilingv ghișeu chirie
        proprietari chiriași cazare apartamente urgență îmbrăcăminte solidaritate
        credință religioase biserică apartenență încredere abilitare politică
        strategie plan indicatori monitorizare sondaj date raport diaspora returnați
        ucraineni moldoveni integrați sprijiniți instruiți""",
    "it": """migranti integrazione comunità sostegno lingua donne progetto città servizi
        lavoro abitare istruzione formazione rifugiati locale sociale bambini famiglie
        giovani persone accesso salute scuola comune associazione volontari corso
        corsi apprendimento competenze informazioni diritti asilo accoglienza centro
        lavoratori culturale rete partner partecipanti tutoraggio mercato cittadini
        residenti inclusione interculturale dialogo mediatori mediazione legale
        consulenza quartiere pubblico autorità organizzazioni attività laboratori
        programma finanziamento insegnanti genitori alunni studenti università ricerca
        imprenditorialità impresa digitale alfabetizzazione orientamento documenti
        permesso soggiorno cittadinanza partecipazione consiglio discriminazione
        razzismo sensibilizzazione campagna festival musica teatro sport calcio cibo
        cucina orto biblioteca medici clinica psicologico violenza genere parità
        vittime tratta protezione minori anziani rom datori aziende tirocinio
        qualifica riconoscimento valutazione risultati impatto sostenibile
        cooperazione partenariato regionale nazionale europeo fondo bilancio madri
        traduzione interpreti solidarietà fiducia rafforzamento strategia piano
        indicatori monitoraggio rapporto""",
    "es": """migrantes integración comunidad apoyo idioma mujeres proyecto ciudad
        servicios empleo vivienda educación formación refugiados local social niños
        familias jóvenes personas acceso salud trabajo escuela ayuntamiento asociación
        voluntarios curso cursos aprendizaje competencias información derechos asilo
        acogida centro trabajadores cultural red socios participantes mentoría mercado
        ciudadanos vecinos inclusión intercultural diálogo mediadores mediación legal
        asesoramiento barrio público autoridades organizaciones actividades talleres
        programa financiación profesores padres alumnos estudiantes universidad
        investigación emprendimiento empresa digital alfabetización orientación
        documentos permisos residencia ciudadanía participación consejo
        discriminación racismo sensibilización campaña festival música teatro deporte
        fútbol comida cocina huerto biblioteca médicos clínica psicológico violencia
        género igualdad víctimas trata protección menores mayores gitanos empleadores
        prácticas cualificación reconocimiento evaluación resultados impacto sostenible
        cooperación regional nacional europeo fondo presupuesto madres traducción
        intérpretes solidaridad confianza empoderamiento estrategia plan indicadores
        seguimiento informe""",
    "el": """μετανάστες ένταξη κοινότητα υποστήριξη γλώσσα γυναίκες έργο πόλη υπηρεσίες
        απασχόληση στέγαση εκπαίδευση κατάρτιση πρόσφυγες τοπική κοινωνική παιδιά
        οικογένειες νέοι άνθρωποι πρόσβαση υγεία εργασία σχολείο δήμος σύλλογος
        εθελοντές μαθήματα μάθηση δεξιότητες πληροφόρηση δικαιώματα άσυλο υποδοχή
        κέντρο εργαζόμενοι πολιτιστικές δίκτυο εταίροι συμμετέχοντες καθοδήγηση
        αγορά πολίτες κάτοικοι ενσωμάτωση διαπολιτισμικός διάλογος διαμεσολαβητές
        νομική συμβουλευτική γειτονιά δημόσιες αρχές οργανώσεις δραστηριότητες
        εργαστήρια πρόγραμμα χρηματοδότηση εκπαιδευτικοί γονείς μαθητές φοιτητές
        πανεπιστήμιο έρευνα επιχειρηματικότητα επιχείρηση ψηφιακή προσανατολισμός
        έγγραφα άδειες διαμονή ιθαγένεια συμμετοχή συμβούλιο διακρίσεις ρατσισμός
        ευαισθητοποίηση εκστρατεία ιστορίες φεστιβάλ μουσική θέατρο αθλητισμός
        ποδόσφαιρο φαγητό κήπος βιβλιοθήκη γιατροί κλινική ψυχολογική τραύμα βία φύλο
        ισότητα θύματα εμπορία προστασία καταφύγιο ασυνόδευτοι ανήλικοι ηλικιωμένοι
        εργοδότες μαθητεία αναγνώριση αξιολόγηση αποτελέσματα αντίκτυπος βιώσιμη
        συνεργασία περιφερειακή εθνική ευρωπαϊκό ταμείο προϋπολογισμός συντονισμός
        μητέρες μετάφραση διερμηνείς αλληλεγγύη εμπιστοσύνη ενδυνάμωση στρατηγική
        σχέδιο δείκτες παρακολούθηση έκθεση""",
}

#: Syllables for the long tail of rare words (names, technical terms, typos).
SYLLABLES = {
    "en": "ba be bi bo der fen gar ham ick ing kel lan ley mor nes ot per ric ston ter "
    "ton ver wick",
    "ro": "ba bu că ce ci du ești ga ia in lu ma mi nu oa ra ri să șa te ți ul va zi",
    "it": "ba bo ca ci del do fa gio la li ma ne no pa ri ro sa ta ti to va zo",
    "es": "ba ca ción da de do ga la lo ma mo na ne pa ra re ri sa ta to va za",
    "el": "βα γο δη κα κο λα λη μα μο να νη πα πο ρα ρη σα στο τα τη φα χα",
}

#: Share of practices whose original language is this one.
LANGUAGE_SHARES = {"en": 0.50, "ro": 0.30, "it": 0.08, "es": 0.07, "el": 0.05}

#: Countries (ISO code, relative weight for English practices) and their cities.
CITIES = {
    "RO": ["București", "Cluj-Napoca", "Iași", "Timișoara", "Brașov"],
    "MD": ["Chișinău", "Bălți"],
    "IT": ["Roma", "Milano", "Torino", "Bologna", "Palermo"],
    "ES": ["Madrid", "Barcelona", "Valencia", "Sevilla"],
    "GR": ["Athens", "Thessaloniki", "Patras", "Lesvos"],
    "CY": ["Nicosia", "Limassol"],
    "DE": ["Berlin", "Hamburg", "Munich", "Cologne"],
    "FR": ["Paris", "Lyon", "Marseille"],
    "AT": ["Vienna", "Graz"],
    "BE": ["Brussels", "Antwerp", "Ghent"],
    "NL": ["Amsterdam", "Rotterdam", "Utrecht"],
    "PT": ["Lisbon", "Porto"],
    "SE": ["Stockholm", "Malmö", "Gothenburg"],
    "IE": ["Dublin", "Cork"],
    "PL": ["Warsaw", "Kraków"],
}
#: Where practices written in each language come from (country, weight).
LANGUAGE_COUNTRIES = {
    "en": [
        ("IE", 10),
        ("DE", 9),
        ("NL", 8),
        ("SE", 7),
        ("BE", 7),
        ("AT", 6),
        ("FR", 5),
        ("PT", 4),
        ("PL", 3),
        ("IT", 4),
        ("ES", 3),
        ("GR", 4),
        ("RO", 3),
        ("CY", 2),
    ],
    "ro": [("RO", 8), ("MD", 2)],
    "it": [("IT", 1)],
    "es": [("ES", 1)],
    "el": [("GR", 4), ("CY", 1)],
}

#: How organisations of each kind are named, per language ("{w}" a domain word,
#: "{c}" a city).
ORGANISATION_NAMES = {
    "en": {
        "public_authority": "City of {c}",
        "public_service": "{W} Service {c}",
        "ngo": "{W} Association {c}",
        "migrant_association": "{W} Migrants Forum {c}",
        "university": "University of {c} {W} Lab",
        "company": "{W} Works Ltd",
        "international_body": "International {W} Office {c}",
        "network": "{W} Network {c}",
    },
    "ro": {
        "public_authority": "Primăria {c}",
        "public_service": "Direcția {W} {c}",
        "ngo": "Asociația {W} {c}",
        "migrant_association": "Comunitatea {W} {c}",
        "university": "Universitatea {c} Centrul {W}",
        "company": "{W} SRL",
        "international_body": "Biroul Internațional {W} {c}",
        "network": "Rețeaua {W} {c}",
    },
    "it": {
        "public_authority": "Comune di {c}",
        "public_service": "Servizio {W} {c}",
        "ngo": "Associazione {W} {c}",
        "migrant_association": "Comunità {W} {c}",
        "university": "Università di {c} Centro {W}",
        "company": "{W} Srl",
        "international_body": "Ufficio Internazionale {W} {c}",
        "network": "Rete {W} {c}",
    },
    "es": {
        "public_authority": "Ayuntamiento de {c}",
        "public_service": "Servicio {W} {c}",
        "ngo": "Asociación {W} {c}",
        "migrant_association": "Colectivo {W} {c}",
        "university": "Universidad de {c} Centro {W}",
        "company": "{W} SL",
        "international_body": "Oficina Internacional {W} {c}",
        "network": "Red {W} {c}",
    },
    "el": {
        "public_authority": "Δήμος {c}",
        "public_service": "Υπηρεσία {W} {c}",
        "ngo": "Σύλλογος {W} {c}",
        "migrant_association": "Κοινότητα {W} {c}",
        "university": "Πανεπιστήμιο {c} {W}",
        "company": "{W} ΑΕ",
        "international_body": "Διεθνές Γραφείο {W} {c}",
        "network": "Δίκτυο {W} {c}",
    },
}
#: Organisation kinds and their shares.
ORGANISATION_KINDS = [
    ("ngo", 35),
    ("public_authority", 20),
    ("public_service", 12),
    ("migrant_association", 12),
    ("university", 8),
    ("network", 5),
    ("company", 5),
    ("international_body", 3),
]
FUNDING_PROGRAMMES = [
    "AMIF",
    "ESF+",
    "Erasmus+",
    "CERV",
    "EEA and Norway Grants",
    "national budget",
    "municipal budget",
    "private foundation",
]
