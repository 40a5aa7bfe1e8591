"""`unspin spin` on the command line: spun text out, gold file, clear errors."""
import json

from typer.testing import CliRunner

from unspin.cli import load_commands
from unspin.spin import apply_gold

runner = CliRunner()


def pair_file(tmp_path):
    path = tmp_path / "pairs.tsv"
    path.write_text("country\trural\nwar\tcombat\ncity\tmetropolis\n", encoding="utf-8")
    return str(path)


def test_spin_stdin_with_gold(tmp_path):
    text = "The country was at war with the city.\n"
    gold = tmp_path / "gold.json"
    result = runner.invoke(load_commands(), ["spin", "-", "--thesaurus", pair_file(tmp_path), "--rate", "0.5",
                                             "--gold", str(gold), "--seed", "2"], input=text)
    assert result.exit_code == 0, result.output
    payload = json.loads(gold.read_text(encoding="utf-8"))
    assert payload["spun"] == result.stdout
    assert apply_gold(result.stdout, payload["gold"]) == text
    assert payload["gold"]


def test_spin_is_deterministic_and_spintax_option(tmp_path):
    src = tmp_path / "in.txt"
    src.write_text("country war city country war city", encoding="utf-8")
    args = ["spin", str(src), "--thesaurus", pair_file(tmp_path), "--rate", "1", "--no-phrase-rules"]
    assert runner.invoke(load_commands(), args).stdout == "rural combat metropolis rural combat metropolis"
    out = runner.invoke(load_commands(), args + ["--spintax"]).stdout
    assert out.count("{") == 6


def test_bad_inputs_give_one_line_errors(tmp_path):
    app = load_commands()
    missing = runner.invoke(app, ["spin", str(tmp_path / "nope.txt"), "--thesaurus", pair_file(tmp_path)])
    assert missing.exit_code == 2 and "no such file" in missing.output
    binary = tmp_path / "bin.dat"
    binary.write_bytes(b"\x00\x01\x02")
    bad = runner.invoke(app, ["spin", str(binary), "--thesaurus", pair_file(tmp_path)])
    assert bad.exit_code == 2 and "binary" in bad.output
    thes = runner.invoke(app, ["spin", "-", "--thesaurus", "nosuch"], input="text")
    assert thes.exit_code == 2 and "--thesaurus" in thes.output
    rate = runner.invoke(app, ["spin", "-", "--rate", "2"], input="text")
    assert rate.exit_code == 2
    assert "Traceback" not in missing.output + bad.output + thes.output
