"""Problems found in the handbook's data, reported as one line each (file, field, what, expected)."""
from __future__ import annotations

import re
from dataclasses import dataclass

# Finnish wording of every problem message (editors may know only Finnish). Pattern over the English
# message or expectation -> Finnish template; groups are carried over. Unmatched text stays in English.
FINNISH = [
    (r"^unknown field\(s\): (.*)$", r"tuntemattomat kentät: \1"),
    (r"^only these fields: (.*)$", r"vain nämä kentät: \1"),
    (r"^missing required field\(s\): (.*)$", r"pakollinen kenttä puuttuu: \1"),
    (r"^add the field\(s\)$", "lisää kenttä"),
    (r"^has the wrong type \((\w+): (.*)\)$", r"väärä tietotyyppi (\1: \2)"),
    (r"^(.*) is not one of the allowed values$", r"\1 ei ole sallittu arvo"),
    (r"^(.*) does not have the right form$", r"\1 ei ole oikeassa muodossa"),
    (r"^matching (.*)$", r"muoto \1"),
    (r"^(.*) is out of range$", r"\1 on sallitun välin ulkopuolella"),
    (r"^is empty$", "on tyhjä"),
    (r"^the field (\S+) is not allowed here$", r"kenttä \1 ei ole sallittu tässä"),
    (r"^has a field that is not allowed here$", "sisältää kentän, joka ei ole sallittu tässä"),
    (r"^only the fields this kind of item takes( \(see the schema\))?$", "vain ne kentät, jotka tämän lajin kohta ottaa (ks. skeema)"),
    (r"^is too long \((\d+) characters\)$", r"on liian pitkä (\1 merkkiä)"),
    (r"^at most (\d+) characters$", r"enintään \1 merkkiä"),
    (r"^a non-empty text$", "tekstiä"),
    (r"^at least (\d+) item\(s\)$", r"vähintään \1 kohta(a)"),
    (r"^has the same item twice$", "sama kohta on kahdesti"),
    (r"^each item once$", "jokainen kohta kerran"),
    (r"^(.*) is not a valid date$", r"\1 ei ole kelvollinen päivämäärä"),
    (r"^a date such as (.*)$", r"päivämäärä muodossa \1"),
    (r"^(.*) is in the future$", r"\1 on tulevaisuudessa"),
    (r"^a date on or before (.*)$", r"päivämäärä viimeistään \1"),
    (r"^unknown building step (.*)$", r"tuntematon rakentamisen vaihe \1"),
    (r"^an id of data/steps.yaml$", "tiedoston data/steps.yaml tunniste"),
    (r"^unknown anti-pattern (.*)$", r"tuntematon karikko \1"),
    (r"^unknown citation key (.*)$", r"tuntematon lähdeavain \1"),
    (r"^a key of data/bibliography.yaml$", "tiedoston data/bibliography.yaml avain"),
    (r"^one of (.*)$", r"jokin näistä: \1"),
    (r"^slug (.*) does not match the file name$", r"tunniste (slug) \1 ei vastaa tiedoston nimeä"),
    (r"^slug: (\S+) \(or rename the file to (.*)\)$", r"slug: \1 (tai nimeä tiedosto \2)"),
    (r"^duplicate slug (.*), also used by (.*)$", r"tunniste \1 on jo käytössä: \2"),
    (r"^a slug used by one case only$", "tunniste, jota vain yksi tapaus käyttää"),
    (r"^duplicate (\w+) (.*)$", r"sama \1 kahdesti: \2"),
    (r"^each id once$", "jokainen tunniste kerran"),
    (r"^case files must end in .yaml$", "tapaustiedoston nimen pitää päättyä .yaml"),
    (r"^the file is missing$", "tiedosto puuttuu"),
    (r"^the data file in data/$", "tietotiedosto kansiossa data/"),
    (r"^no label in (.*)$", r"teksti puuttuu kieliltä \1"),
    (r"^a label in fi, sv and en$", "teksti suomeksi, ruotsiksi ja englanniksi"),
    (r"^must give a value \(or null\) for every form$", "arvo (tai null) jokaiselle muodolle"),
    (r"^YAML syntax error: (.*)$", r"YAML-kielioppivirhe: \1"),
    (r"^valid YAML \(check indentation and quotes\)$", "kelvollinen YAML (tarkista sisennykset ja lainausmerkit)"),
    (r"^YAML anchors and aliases \(&, \*\) are not allowed$", "YAML-ankkurit ja -viittaukset (&, *) eivät ole sallittuja"),
    (r"^YAML tag (.*) is not allowed$", r"YAML-tagi \1 ei ole sallittu"),
    (r"^the file is not UTF-8 text \(byte (\d+)\)$", r"tiedosto ei ole UTF-8-tekstiä (tavu \1)"),
    (r"^save the file as UTF-8$", "tallenna tiedosto UTF-8-muodossa"),
    (r"^cannot read the file: (.*)$", r"tiedostoa ei voi lukea: \1"),
    (r"^the file is (\d+) bytes, too large$", r"tiedosto on liian suuri (\1 tavua)"),
    (r"^still has the template's TODO text$", "sisältää yhä mallipohjan TODO-tekstin"),
    # the status checks of core.content (Finnish added with the web form for new cases, issue 22)
    (r"^(.*) is not among this case's sources$", r"\1 ei ole tapauksen lähteiden (sources) joukossa"),
    (r"^the key of a source listed under sources$", "kohdassa sources mainitun lähteen avain"),
    (r"^(\d+) is later than its source (\S+) \((\d+)\)$", r"\1 on myöhäisempi kuin lähteen \2 vuosi (\3)"),
    (r"^the year of the source that states the status; a newer status needs a newer source$",
     "sen lähteen vuosi, joka tilan kertoo; uudempi tila vaatii uudemman lähteen"),
    (r"^the fact from the source, or delete the field if it is optional$",
     "lähteestä tarkistettu tieto, tai poista kenttä, jos se on valinnainen"),
]


def finnish(text: str) -> str:
    for pattern, template in FINNISH:
        if re.match(pattern, text):
            return re.sub(pattern, template, text)
    return text


@dataclass(frozen=True)
class Problem:
    file: str
    field: str
    message: str
    expected: str = ""

    def __str__(self) -> str:
        where = f"{self.file}: {self.field or '(file)'}"
        text = f"{where}: {self.message}"
        if self.expected:
            text += f" (expected: {self.expected})"
        return text

    def in_finnish(self) -> str:
        where = f"{self.file}: {self.field or '(tiedosto)'}"
        text = f"{where}: {finnish(self.message)}"
        if self.expected:
            text += f" (odotetaan: {finnish(self.expected)})"
        return text


class DataError(Exception):
    """Raised when data files have problems; carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__(self.report())

    def report(self) -> str:
        n = len(self.problems)
        head = (f"{n} problem{'s' if n != 1 else ''} in the handbook data (fix them and build again) / "
                f"käsikirjan tiedoissa {n} virhe{'ttä' if n != 1 else ''} (korjaa ja rakenna uudelleen):")
        lines = [head]
        for p in self.problems:
            lines.append(f"  {p}")
            lines.append(f"    FI: {p.in_finnish()}")
        return "\n".join(lines)
