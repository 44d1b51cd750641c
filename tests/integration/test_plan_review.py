"""A compose plan reviewed against the app the engine runs: the same file again reads unchanged (what the
engine fills in, network ids, zeros, is no change), and an edited one lists its changes with the marks
of swarmkit's rule. (That the marks match what the engine then does: tests/gui/test_deploy_dialog.py.)"""

from __future__ import annotations

from crane_desktop.engine import compose, stacks
from crane_desktop.engine.spec_diff import Restart
from tests.swarm import IMAGE, unique

FILE = """
services:
  web:
    image: {image}
    command: [sleep, '3600']
    environment: [COLOR={color}]
    deploy:
      replicas: 2
      update_config: {{parallelism: {parallelism}, delay: 1s}}
      restart_policy: {{condition: on-failure}}
      placement: {{constraints: [node.role==manager]}}
    networks: [back]
  plain:
    image: {image}
    command: [sleep, '3600']
networks:
  back: {{}}
"""


def test_a_redeploy_reads_unchanged_and_an_edit_lists_its_marks(cluster):
    client = cluster.client
    app = unique("review")
    plan = compose.load(FILE.format(image=IMAGE, color="blue", parallelism=1), app)
    try:
        stacks.deploy(client, plan)
        current = {s["Spec"]["Name"]: s["Spec"] for s in stacks.stack_services(client, app)}
        network_ids = {n["Name"]: n["Id"] for n in client.networks()}
        same = stacks.review_plan(plan, current, network_ids)
        assert [(r.name, r.outcome, r.changes) for r in same] == [
            (f"{app}_plain", "unchanged", []),
            (f"{app}_web", "unchanged", []),
        ]
        edited = compose.load(FILE.format(image=IMAGE, color="green", parallelism=2), app)
        (plain, web) = stacks.review_plan(edited, current, network_ids)
        assert plain.outcome == "unchanged" and web.outcome == "updated"
        assert [(c.path, c.old, c.new, c.restart) for c in web.changes] == [
            ("TaskTemplate.ContainerSpec.Env", ["COLOR=blue"], ["COLOR=green"], Restart.ALL),
            ("UpdateConfig.Parallelism", 1, 2, Restart.NONE),
        ]
    finally:
        stacks.remove(client, app)
