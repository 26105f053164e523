"""Prints the side-by-side table of a compare.sh run from its JMH JSON files."""
import collections
import glob
import json
import os
import statistics
import sys


def main(directory):
    runs = collections.defaultdict(lambda: collections.defaultdict(list))
    for path in sorted(glob.glob(os.path.join(directory, 'ab-*-*.json'))):
        side = os.path.basename(path).split('-')[1]
        for result in json.load(open(path)):
            name = '.'.join(result['benchmark'].split('.')[-2:])
            params = result.get('params') or {}
            if params:
                name += ' (' + ', '.join(f'{k}={v}' for k, v in sorted(params.items())) + ')'
            alloc = result['secondaryMetrics'].get('gc.alloc.rate.norm', {}).get('score')
            runs[name][side].append((result['primaryMetric']['score'], alloc))
    print('| benchmark | before: median ns/op (runs) | after: median ns/op (runs) | after / before | B/op after |')
    print('| --- | --- | --- | ---: | ---: |')
    for name, sides in runs.items():
        before = [score for score, _ in sides['old']]
        after = [score for score, _ in sides['new']]
        alloc = statistics.median(a for _, a in sides['new'])
        print(f"| `{name}` | {statistics.median(before):.1f} ({', '.join(f'{x:.1f}' for x in before)}) "
              f"| {statistics.median(after):.1f} ({', '.join(f'{x:.1f}' for x in after)}) "
              f"| {statistics.median(after) / statistics.median(before):.2f} | {alloc:.3f} |")


if __name__ == '__main__':
    main(sys.argv[1])
