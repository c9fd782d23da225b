from qembed.train import pairs


def test_lines_without_a_tab_are_skipped(tmp_path):
    f = tmp_path / "pairs.tsv"
    f.write_text("running shoes\ttrainers\nnoise\n")
    examples = pairs(str(f))
    assert len(examples) == 1
    assert examples[0].texts == ["running shoes", "trainers"]
