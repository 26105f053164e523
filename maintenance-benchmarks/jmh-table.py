"""Prints the table of BENCHMARKS.md section 1 from one JMH run's JSON (-rf json).

Usage: python3 maintenance-benchmarks/jmh-table.py maintenance-benchmarks/results/<run>/jmh.json
"""
import json
import sys

# what each benchmark measures, and its goal, in the order of the table
CASES = [
    ('MaintenanceOffBenchmark.passThrough', None, '(a)',
     'maintenance off: the filter passes the request on', '0 B/op'),
    ('MaintenanceOnBenchmark.refusedAfterEveryRule', None, '(b)',
     'on; a request that none of the 7 rules admits, every rule asked (the access policy on the '
     "filter's own request view)", '0 B/op'),
    ('MaintenanceOnBenchmark.admittedByPathRule', None, '(c)',
     'on; the whole filter for a request the path rule lets through', None),
    ('MaintenanceResponseBenchmark.writeCachedResponse', 'html', '(d)',
     'the response writer alone, cached page', None),
    ('MaintenanceResponseBenchmark.writeCachedResponse', 'json', '(d)',
     'the response writer alone, problem JSON', None),
    ('MaintenanceResponseBenchmark.refusedRequest', 'html', '',
     'the whole filter for a refused browser request: rules, negotiation, page', None),
    ('MaintenanceResponseBenchmark.refusedRequest', 'json', '',
     'the whole filter for a refused API request', None),
    ('MaintenanceOnBenchmark.statusPoll', None, '',
     "on; the page's return poll, answered by the filter", None),
]

# JMH's own noise on a benchmark that allocates nothing stays far below this
ZERO_ALLOCATION = 0.5


def number(value):
    if value != value:  # NaN: a single fork and iteration has no error
        return ''
    return f'{value:,.0f}' if value >= 100 else f'{value:.1f}' if value >= 1 else f'{value:.3f}'


def error(value):
    if value != value:
        return ''
    return f'{value:,.0f}' if value >= 100 else f'{value:.1f}'


def allocation(score, score_error):
    if score < ZERO_ALLOCATION:
        return f'{score:.3f}'
    shown = f'{score:,.0f}'
    if score_error == score_error and score_error >= 1:
        shown += f' ± {score_error:,.0f}'
    return shown


def main(path):
    results = {}
    for result in json.load(open(path)):
        name = '.'.join(result['benchmark'].split('.')[-2:])
        accept = (result.get('params') or {}).get('accept')
        results[(name, accept)] = result
    print('| benchmark | what | ns/op | B/op | goal |')
    print('| --- | --- | ---: | ---: | --- |')
    for name, accept, label, what, goal in CASES:
        result = results.get((name, accept))
        if result is None:
            continue
        time = result['primaryMetric']
        secondary = result['secondaryMetrics']
        alloc = secondary.get('gc.alloc.rate.norm') or secondary.get('\u00b7gc.alloc.rate.norm') or {}
        shown = f'`{name}`' + (f', {accept}' if accept else '')
        if label:
            shown = f'{label} {shown}'
        time_error = error(time.get('scoreError', float('nan')))
        alloc_score = alloc.get('score')
        verdict = '—'
        if goal:
            met = alloc_score is not None and alloc_score < ZERO_ALLOCATION
            verdict = f"{goal}: **{'met' if met else 'missed'}**"
        shown_alloc = (allocation(alloc_score, alloc.get('scoreError', float('nan')))
                       if alloc_score is not None else '?')
        print(f"| {shown} | {what} | {number(time['score'])}{' ± ' + time_error if time_error else ''} "
              f"| {shown_alloc} | {verdict} |")


if __name__ == '__main__':
    main(sys.argv[1])
