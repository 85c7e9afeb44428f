"""A Parsl configuration for `scripts/parsl_toys.py --config docs/parsl-sites.py`: one nmmfit toy
study spread over two Slurm clusters and an HTCondor pool. Parsl sends each shard to any of the
executors (apps run on all executors by default) and retries it on failure (`retries`, set by
parsl_toys.py); a shard that was cut off resumes its toys file. Edit partitions, accounts, worker
counts and `worker_init` (how a batch job finds nmmfit, e.g. `export NMMFIT_DATA=/shared/nmmfit/data`).
Reference: https://parsl.readthedocs.io/en/stable/userguide/configuration/execution.html
"""
from parsl.config import Config
from parsl.executors import HighThroughputExecutor
from parsl.providers import CondorProvider, SlurmProvider

worker_init = "export NMMFIT_DATA=/shared/nmmfit/data"

config = Config(
    executors=[
        HighThroughputExecutor(
            label="cluster_a",
            max_workers_per_node=16,
            provider=SlurmProvider(partition="short", account="phys", nodes_per_block=1, max_blocks=8,
                                   walltime="02:00:00", worker_init=worker_init),
        ),
        HighThroughputExecutor(
            label="cluster_b",
            max_workers_per_node=32,
            provider=SlurmProvider(partition="compute", nodes_per_block=1, max_blocks=4, walltime="04:00:00",
                                   worker_init=worker_init),
        ),
        HighThroughputExecutor(
            label="pool",
            max_workers_per_node=1,
            provider=CondorProvider(nodes_per_block=1, init_blocks=0, max_blocks=50, worker_init=worker_init,
                                    requirements='(OpSys == "LINUX")'),
        ),
    ],
)
