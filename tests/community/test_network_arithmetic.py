"""A network's composition and issue ranking against cases worked out by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from convivio.community import selectors, services
from convivio.community.models import Member
from convivio.core.models import Theme
from tests.community.factories import add_member, coordinator_of, make_network
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _declare(network, constituency="", gender="", languages=()):
    user = add_member(network)
    services.member_declare(
        user, network, constituency=constituency, gender=gender, languages=languages
    )
    return user


def _cells(composition, title_index):
    return {
        cell.key: (cell.count, cell.share, cell.target)
        for cell in composition.breakdowns[title_index].cells
    }


def test_composition_counts_shares_and_targets_shown_when_groups_are_large():
    """10 members: 6 migrants, 4 NGO; 5 women, 5 men; threshold 3.

    Constituency: migrant 6 (60%, aim 50), ngo 4 (40%, aim 30), not said 0.
    The coordinator made the network and declared nothing, so one of the ten
    is the coordinator (not said) and nine are declared."""
    network = make_network(balance_target={"migrant": 50, "ngo": 30})
    coordinator = coordinator_of(network)
    services.member_declare(
        coordinator, network, constituency="migrant", gender="woman"
    )
    for _ in range(5):
        _declare(network, "migrant", "woman" if _ < 4 else "man")
    for _ in range(4):
        _declare(network, "ngo", "man")
    composition = selectors.composition(network, threshold=3)
    assert composition.total == 10
    assert composition.target_total == 80
    assert _cells(composition, 0) == {
        "migrant": (6, Decimal(60), 50),
        "ngo": (4, Decimal(40), 30),
        "": (0, Decimal(0), None),
    }
    assert _cells(composition, 1) == {
        "woman": (5, Decimal(50), None),
        "man": (5, Decimal(50), None),
        "other": (0, Decimal(0), None),
        "": (0, Decimal(0), None),
    }


def test_a_small_group_is_hidden_and_so_is_the_one_that_would_give_it_away():
    """8 members, threshold 3: migrant 5, health 2, not said 1 (the coordinator).

    health (2) and not said (1) are below 3: both hidden.  They add up to 3,
    which is not below the threshold, so migrant (5) stays: 8 - 5 = 3 tells
    only that health and not said make 3 together.

    Gender: woman 7, man 1 → man hidden; alone it would follow from 8 - 7, so
    the smallest shown above zero (woman) goes too."""
    network = make_network()
    for _ in range(5):
        _declare(network, "migrant", "woman")
    _declare(network, "health", "woman")
    _declare(network, "health", "man")
    services.member_declare(coordinator_of(network), network, gender="woman")
    composition = selectors.composition(network, threshold=3)
    constituencies = _cells(composition, 0)
    assert constituencies["migrant"] == (5, Decimal(63), None)  # 5/8 = 62.5 → 63
    assert constituencies["health"] == (None, None, None)
    assert constituencies[""] == (None, None, None)
    genders = _cells(composition, 1)
    assert genders["man"] == (None, None, None)
    assert genders["woman"] == (None, None, None)
    assert genders["other"][0] == 0 and genders[""][0] == 0


def test_languages_hide_small_groups_and_count_the_silent():
    """5 members: 4 speak Portuguese (2 of them English too), 1 said nothing.
    Threshold 3: pt 4 shown, en 2 hidden, not said 1 hidden; languages do not
    add up to the total, so nothing more is hidden."""
    network = make_network()
    _declare(network, languages=["pt", "en"])
    _declare(network, languages=["pt", "en"])
    _declare(network, languages=["pt"])
    _declare(network, languages=["pt"])
    composition = selectors.composition(network, threshold=3)
    languages = _cells(composition, 2)
    assert languages["pt"] == (4, Decimal(80), None)
    assert languages["en"] == (None, None, None)
    assert languages[""] == (None, None, None)


def _theme(slug):
    return Theme.objects.get(slug=slug)


def test_issue_ranking_borda_with_ties_broken_by_first_places_then_name():
    """Votes (3/2/1 points):
    A: housing, health, language       B: health, housing, employment
    C: language, employment, housing   D: employment, language (two only)

    housing  3 + 2 + 1     = 6, firsts 1
    health   2 + 3         = 5, firsts 1
    language 1 + 3 + 2     = 6, firsts 1
    employment 1 + 2 + 3   = 6, firsts 1
    Three tie at 6 with one first place each: by name (Employment, Housing
    is "Urbanism and housing", Language learning) → Employment, Language
    learning, Urbanism and housing; then Health (5)."""
    network = make_network()
    votes = {
        "a": ["housing", "health", "language"],
        "b": ["health", "housing", "employment"],
        "c": ["language", "employment", "housing"],
        "d": ["employment", "language"],
    }
    for slugs in votes.values():
        user = add_member(network)
        services.issues_vote(user, network, [_theme(s) for s in slugs])
    # An observer's vote is refused; a member who left takes theirs away.
    leaver = add_member(network)
    services.issues_vote(leaver, network, [_theme("religion")])
    services.network_leave(leaver, network)
    ranking = selectors.network_ranking(network)
    assert ranking.voters == 4
    assert [(i.theme.slug, i.points, i.firsts, i.rank) for i in ranking.issues] == [
        ("employment", 6, 1, 1),
        ("language", 6, 1, 2),
        ("housing", 6, 1, 3),
        ("health", 5, 1, 4),
    ]


def test_points_order_the_issues_and_a_ranking_may_be_short():
    """A: health, housing; B: housing; C: health; D: housing, employment,
    health.  housing 2 + 3 + 3 = 8 (2 firsts), health 3 + 3 + 1 = 7 (2
    firsts), employment 2 (none)."""
    network = make_network()
    for slugs in (
        ["health", "housing"],
        ["housing"],
        ["health"],
        ["housing", "employment", "health"],
    ):
        services.issues_vote(add_member(network), network, [_theme(s) for s in slugs])
    ranking = selectors.network_ranking(network)
    assert [(i.theme.slug, i.points, i.firsts) for i in ranking.issues] == [
        ("housing", 8, 2),
        ("health", 7, 2),
        ("employment", 2, 0),
    ]


def test_equal_points_go_to_the_issue_with_more_first_places():
    """A: health, education, housing (3, 2, 1); B: housing, education (3, 2);
    C: education (3).  health 3 (1 first); housing 1 + 3 = 4 (1 first);
    education 2 + 2 + 3 = 7 (1 first).  D: housing first → housing 7 (2
    firsts) ties education 7 (1 first): housing before education."""
    network = make_network()
    for slugs in (
        ["health", "education", "housing"],
        ["housing", "education"],
        ["education"],
        ["housing"],
    ):
        services.issues_vote(add_member(network), network, [_theme(s) for s in slugs])
    ranking = selectors.network_ranking(network)
    assert [(i.theme.slug, i.points, i.firsts) for i in ranking.issues] == [
        ("housing", 7, 2),
        ("education", 7, 1),
        ("health", 3, 1),
    ]


def test_place_ranking_adds_the_networks_of_the_place_and_inside_it():
    """Forum: X ranks housing, health.  Group (same place): Y ranks health.
    housing 3, health 2 + 3 = 5 → health, housing; two voters, two networks.
    A network of another place adds nothing."""
    forum = make_network()
    group = make_network(name="Grupo", place="Vale Novo")
    elsewhere = make_network(name="Outra", place="Ribeira Alta")
    services.issues_vote(
        add_member(forum), forum, [_theme("housing"), _theme("health")]
    )
    services.issues_vote(add_member(group), group, [_theme("health")])
    services.issues_vote(add_member(elsewhere), elsewhere, [_theme("religion")])
    ranking = selectors.place_ranking(UserFactory(), forum.territory)
    assert ranking.voters == 2 and ranking.networks == 2
    assert [(i.theme.slug, i.points) for i in ranking.issues] == [
        ("health", 5),
        ("housing", 3),
    ]


def test_observers_do_not_vote():
    network = make_network()
    observer = add_member(network, role=Member.Role.OBSERVER)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.issues_vote(observer, network, [_theme("housing")])
    assert not network.issue_votes.exists()
