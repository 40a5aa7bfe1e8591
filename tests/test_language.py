"""Is this English? Other languages get a warning and no edits; English with foreign names and Latin stays English."""
import pytest

from unspin.doc import Doc
from unspin.language import looks_english

FOREIGN = {
    "de": "Der Hund läuft schnell über die Straße und die Katze schläft auf dem Sofa. "
          "Am Abend gehen wir in die Stadt.",
    "fr": "Le chat dort sur le canapé et le chien court dans la rue. Nous allons en ville ce soir pour voir nos amis.",
    "es": "El perro corre rápido por la calle y el gato duerme en el sofá. Esta noche vamos a la ciudad con amigos.",
    "it": "Il cane corre veloce per la strada e il gatto dorme sul divano. Stasera andiamo in città con gli amici.",
    "pt": "O cachorro corre rápido pela rua e o gato dorme no sofá. "
          "Hoje à noite vamos à cidade com os nossos amigos.",
    "nl": "De hond rent snel over de straat en de kat slaapt op de bank. Vanavond gaan we samen naar de stad.",
}
ENGLISH = [
    "The committee met on Tuesday and agreed that the new school would open in the autumn of next year.",
    "As shown by Smith et al., the de novo assembly of the genome was compared in vivo and in vitro with a control.",
    "Mayor Luis de la Cruz said the festival in San Juan del Sur drew more visitors than the town could house.",
]


@pytest.mark.parametrize("language", sorted(FOREIGN))
def test_other_languages_are_not_english(language):
    assert not looks_english(Doc.from_text(FOREIGN[language]))


@pytest.mark.parametrize("text", ENGLISH)
def test_english_with_names_and_latin_is_english(text):
    assert looks_english(Doc.from_text(text))


def test_too_short_to_tell_counts_as_english():
    assert looks_english(Doc.from_text("Der Hund und die Katze."))


def test_restore_leaves_other_languages_alone_with_a_warning(fake_restorer):
    result = fake_restorer.restore(FOREIGN["de"])
    assert result.restored == FOREIGN["de"] and not result.edits
    assert any("English" in w for w in result.warnings)
