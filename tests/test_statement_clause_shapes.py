"""Statement extraction: clause shapes met in the blind sets' misses (persons by a birth
parenthetical, places of birth and death behind other phrases, subordinate openers, ...)."""

from __future__ import annotations

from tests.statement_scoring import extracted_pairs


def _got(text: str) -> set[tuple[str, str]]:
    return extracted_pairs(text, full_dates=True)


def test_birth_parenthetical_makes_unknown_jobs_occupations() -> None:
    got = _got(
        "# Mira Kast\n\n**Mira Kast** (born 1983) is an Albanian-born [[chef]] and "
        "restaurateur. Kast was born on 14 June 1983 in [[Shkodër]].\n"
    )
    assert {("P31", "human"), ("P106", "restaurateur"), ("P19", "Shkodër")} <= got
    assert ("P31", "restaurateur") not in got


def test_places_of_birth_and_death_behind_other_phrases() -> None:
    got = _got(
        "# Elmo Vain\n\n**Elmo Vain** (17 March 1908 – 2 November 1974) was an Estonian poet.\n\n"
        "Vain was born on a tenant farm near [[Kõpu]], a village in [[Viljandi County]]. "
        "Although he spent his last years in [[Pärnu]], Vain died of heart failure in his "
        "flat in [[Tartu]] on 2 November 1974.\n"
    )
    assert {("P19", "Kõpu"), ("P20", "Tartu")} <= got
    assert ("P20", "Pärnu") not in got and ("P19", "Viljandi County") not in got


def test_death_in_a_named_hospital_and_at_a_home() -> None:
    assert ("P20", "Lisbon") in _got(
        "# Teo Mendes\n\n**Teo Mendes** (1901–1978) was a Portuguese architect. "
        "Mendes died in a Lisbon hospital on 27 November 1978.\n"
    )
    assert ("P20", "The Hague") in _got(
        "# Riek Zwan\n\n**Riek Zwan** (1921–2004) was a Dutch politician. "
        "Zwan died at a nursing home in [[The Hague]] at the age of 83.\n"
    )


def test_founders_named_before_the_subject_as_object() -> None:
    got = _got(
        "# Halcyra\n\n**Halcyra** is a Portuguese energy company based in [[Porto]].\n\n"
        "Two engineers, Duarte Pimentel and Sofia Lencastre, incorporated the company in "
        "September 2019.\n"
    )
    assert {("P112", "Duarte Pimentel"), ("P112", "Sofia Lencastre")} <= got
    assert ("P571", "+2019-09-00T00:00:00Z") in got


def test_capitalised_job_and_kinship_words_open_founder_lists() -> None:
    band = _got(
        "# Sekondi Brass\n\n**Sekondi Brass** is a Ghanaian highlife band.\n\n"
        "Trumpeter Kwabena Essuman and guitarist Efua Arthur started the group in 2009.\n"
    )
    assert {("P112", "Kwabena Essuman"), ("P112", "Efua Arthur")} <= band
    assert ("P112", "Trumpeter Kwabena Essuman") not in band
    firm = _got(
        "# Cenzontle\n\n**Cenzontle** is a Mexican toy company based in [[Zapopan]].\n\n"
        "Siblings Refugio and Amparo Ledesma opened the business in 1952 as a workshop.\n"
    )
    assert {("P112", "Refugio Ledesma"), ("P112", "Amparo Ledesma")} <= firm
    assert ("P571", "+1952-00-00T00:00:00Z") in firm


def test_a_given_name_ending_like_a_job_is_kept() -> None:
    got = _got(
        "# Weta Works\n\n**Weta Works** is a New Zealand film company based in [[Wellington]]."
        "\n\nPeter Jackson and Fran Walsh founded the company in 1993.\n"
    )
    assert ("P112", "Peter Jackson") in got


def test_place_chain_through_compass_words_and_apposed_capitals() -> None:
    got = _got(
        "# Biblioteca Sur\n\n**Biblioteca Sur** is a public library in Salto, the capital of "
        "Salto Department in north-western Uruguay.\n"
    )
    assert {("P131", "Salto"), ("P17", "Uruguay")} <= got
    town = _got(
        "# Puerto Alba\n\n**Puerto Alba** is a small town in Llanquihue Province, in the Los "
        "Lagos Region of southern Chile.\n"
    )
    assert {("P131", "Llanquihue Province"), ("P17", "Chile")} <= town


def test_apposed_chief_executive_and_parent_group() -> None:
    got = _got(
        "# Cenzontle\n\n**Cenzontle** is a Mexican toy manufacturer based in [[Zapopan]]. "
        "Since 2016 it has been part of [[Grupo Altavista]], a retail conglomerate.\n\n"
        "Lucía Ortiz, a granddaughter of Refugio Ledesma, has been Cenzontle's chief executive "
        "since 2018.\n\n## Facts\n\n- **Founded:** 1952\n"
        "- **Workforce:** about 620 employees (2023)\n"
    )
    assert {("P169", "Lucía Ortiz"), ("P127", "Grupo Altavista"), ("P1128", "620")} <= got
    assert ("P169", "Refugio Ledesma") not in got


def test_part_of_a_movement_is_not_an_owner() -> None:
    got = _got(
        "# Brightside\n\n**Brightside** is a British software company based in [[Leeds]]. "
        "It was part of the open-source movement of the 2000s.\n"
    )
    assert not any(p == "P127" for p, _ in got)


def test_synonym_subject_noun_after_a_time_phrase() -> None:
    got = _got(
        "# Tamarack Air\n\n**Tamarack Air** is a Canadian regional airline based in "
        "[[Thunder Bay]].\n\nSince 2016 the carrier has belonged to Northcrest Aviation Group, "
        "and it employs around 620 people.\n"
    )
    assert {("P127", "Northcrest Aviation Group"), ("P1128", "620")} <= got


def test_series_directors_and_cast_by_what_they_do() -> None:
    got = _got(
        "# Kloof Street\n\n**Kloof Street** is a South African legal drama television series."
        "\n\nDlamini-Hart developed the show with Blackwood Pictures. Sibusiso Mahlangu directed"
        " the first season; the second was directed by Ayesha Parker. Lee Kim directed the "
        "first season of Other Show.\n\nThandeka Mokoena leads the cast as the founder. "
        "Jacques Steyn plays her former law partner. Jo Lind plays the piano on the theme.\n"
    )
    assert {("P57", "Sibusiso Mahlangu"), ("P57", "Ayesha Parker")} <= got
    assert {("P161", "Thandeka Mokoena"), ("P161", "Jacques Steyn")} <= got
    assert ("P57", "Lee Kim") not in got and ("P161", "Jo Lind") not in got


def test_film_by_director_and_festival_section_premiere() -> None:
    got = _got(
        "# Salt and Ash\n\n***Salt and Ash*** is a 2022 Turkish drama film by director Deniz "
        "Arıkan.\n\nThe film had its world premiere in the Panorama section of the 72nd Berlin "
        "International Film Festival on 14 February 2022.\n"
    )
    assert {("P57", "Deniz Arıkan"), ("P577", "+2022-02-14T00:00:00Z")} <= got


def test_software_first_version_and_creator() -> None:
    got = _got(
        "# Orrery Studio\n\n**Orrery Studio** is a proprietary visualisation program developed "
        "by Vireo Systems.\n\nThe firm began work on what became Orrery Studio in 2010. "
        "The rendering core is coded in C++. Orrery Studio 1.0 went on sale on 18 October 2012."
        " Orrery Studio 2.0 was released on 1 May 2015.\n"
    )
    assert {("P571", "+2010-00-00T00:00:00Z"), ("P277", "C++")} <= got
    assert ("P577", "+2012-10-18T00:00:00Z") in got
    assert ("P577", "+2015-05-01T00:00:00Z") not in got
    tool = _got(
        "# Sluice\n\n**Sluice** is a free and open-source command-line tool.\n\nTomasz "
        "Wierzbicki, a Polish database administrator then employed by the Poznań online "
        "marketplace Allegro, wrote the first version of Sluice in 2015.\n"
    )
    assert {("P170", "Tomasz Wierzbicki"), ("P571", "+2015-00-00T00:00:00Z")} <= tool


def test_album_class_label_performer_and_release() -> None:
    got = _got(
        "# Steppe Radio\n\n***Steppe Radio*** is the second studio album by the Kazakh "
        "electronic musician Aigerim Sarsenova. It was issued on 6 October 2023 through "
        "[[Ninja Tune]].\n"
    )
    assert {("P31", "studio album"), ("P264", "Ninja Tune"), ("P175", "Aigerim Sarsenova")} <= got
    assert ("P577", "+2023-10-06T00:00:00Z") in got


def test_a_series_released_through_a_service_has_no_label() -> None:
    got = _got(
        "# Kloof Street\n\n**Kloof Street** is a South African television series. "
        "It was released on 4 April 2021 through [[Netflix]].\n"
    )
    assert ("P577", "+2021-04-04T00:00:00Z") in got
    assert not any(p == "P264" for p, _ in got)


def test_band_records_that_came_out_on_a_label() -> None:
    got = _got(
        "# Sekondi Brass\n\n**Sekondi Brass** is a Ghanaian highlife band.\n\n"
        "The band's first two albums, *Ahenfie* (released 12 March 2012) and *Boat Dance* "
        "(2014), came out on Osabarima Records, a small Accra label. After a well-received set "
        "at WOMAD in 2016 the group signed with the London label Strut Records.\n"
    )
    assert {("P264", "Osabarima Records"), ("P264", "Strut Records")} <= got


def test_investors_that_took_stakes_and_a_titled_chief_after_a_date() -> None:
    got = _got(
        "# Halcyra\n\n**Halcyra** is a Portuguese energy company.\n\nHalcyra closed a Series A "
        "in June 2022. [[Breakthrough Energy Ventures]] led the round, and [[Indico Capital "
        "Partners]] and [[Portugal Ventures]] also took stakes. Since 2019 Halcyra has been led "
        "by its president and chief executive, Inês Carvalhal, who ran solar at Galp.\n"
    )
    investors = {v for p, v in got if p == "P1951"}
    assert investors == {
        "Breakthrough Energy Ventures",
        "Indico Capital Partners",
        "Portugal Ventures",
    }
    assert ("P169", "Inês Carvalhal") in got


def test_an_older_headcount_gives_way_to_the_current_one() -> None:
    got = _got(
        "# Orsini\n\n**Orsini** is an Italian engineering company.\n\nBy 1970 Orsini had 350 "
        "workers. Orsini currently employs around 800 people.\n"
    )
    counts = {v for p, v in got if p == "P1128"}
    assert counts == {"800"}
    alone = _got(
        "# Orsini\n\n**Orsini** is an Italian engineering company.\n\nBy 1970 Orsini had 350 "
        "workers.\n"
    )
    assert ("P1128", "350") in alone


def test_lists_stop_after_an_appositive_place_and_run_through_asides() -> None:
    got = _got(
        "# Loodsman\n\n**Loodsman** is a proprietary CAD program, developed by Meridiaan "
        "Software, a company based in Delft, Netherlands.\n\n"
        "Loodsman is written mainly in C++.\n"
    )
    assert ("P178", "Meridiaan Software") in got and ("P277", "C++") in got
    assert ("P178", "Netherlands") not in got
    museum = _got(
        "# Kel Museum\n\n**Kel Museum** is a museum in Kota Bharu, Malaysia.\n\nThe museum was "
        "founded in 2004 by the puppet master (''tok dalang'') Che Mat Yusof and the collector "
        "Nik Rahimah Salleh, who pooled their collections.\n"
    )
    assert {("P112", "Che Mat Yusof"), ("P112", "Nik Rahimah Salleh")} <= museum


def test_multiword_demonyms_shared_double_surnames_and_given_names() -> None:
    book = _got(
        "# Daughters\n\n**The Daughters of Lighthouse Street** is a 2018 family saga novel by "
        "the Sri Lankan writer Nirmala Wickramasinghe.\n"
    )
    assert {("P50", "Nirmala Wickramasinghe"), ("P136", "family saga")} <= book
    firm = _got(
        "# Arlanza\n\n**Arlanza** is a Spanish tile manufacturer.\n\nThe company was founded in "
        "1924 by the brothers Anselmo and Teodoro Quintanilla Barrio.\n"
    )
    assert {("P112", "Anselmo Quintanilla Barrio"), ("P112", "Teodoro Quintanilla Barrio")} <= (
        firm
    )
    person = _got(
        "# Tesfaye Gebremariam\n\n**Tesfaye Gebremariam** (1931–2004) was an Ethiopian "
        "saxophonist.\n\nTesfaye was born in [[Gondar]]. Tesfaye died in [[Addis Ababa]] "
        "in 2004.\n"
    )
    assert {("P19", "Gondar"), ("P20", "Addis Ababa")} <= person


def test_compound_classes_of_firms_papers_and_software() -> None:
    def classes(lead: str) -> set[str]:
        return {v for p, v in _got(f"# T\n\n{lead}\n") if p == "P31"}

    assert classes("**B** is a British health technology company.") == {"health technology company"}
    assert classes("**B** is an American daily newspaper.") == {"daily newspaper"}
    assert classes("**L** is a cloud-based accounting software product.") == {"accounting software"}
    assert classes("**R** is an American [[artificial intelligence]] company.") == {"company"}


def test_successors_staff_and_seed_rounds() -> None:
    got = _got(
        "# Mavuno\n\n**Mavuno** is a Kenyan agricultural technology company.\n\nThe company "
        "raised a US$1.8 million seed round in 2020 from Novastar Ventures and Acumen. Its "
        "founder Wanjiru Otieno led it until 2023, when she was succeeded as CEO by Grace Mutua."
        "\n\nThe company employs some 610 academic and administrative staff.\n"
    )
    assert {("P1951", "Novastar Ventures"), ("P1951", "Acumen"), ("P169", "Grace Mutua")} <= got
    assert ("P1128", "610") in got
