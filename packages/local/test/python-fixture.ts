import { writeFiles } from './dependency-fixtures.js';

/**
 * A PEP 517/660 build backend in the fixture's tree (`backend-path`), so `pip install
 * --no-build-isolation` builds wheels and editable wheels with nothing but the standard
 * library: no index, no setuptools `wheel` package. Its editable wheel does what setuptools
 * does: a `.pth` naming `src/`, plus an `__editable__` finder mapping a package outside
 * `src/` to its absolute directory.
 */
const BACKEND = String.raw`import base64, hashlib, os, tomllib, zipfile

def _project():
    with open('pyproject.toml', 'rb') as handle:
        return tomllib.load(handle)['project']

def _wheel(directory, files):
    project = _project()
    name, version = project['name'].replace('-', '_'), project['version']
    info = f'{name}-{version}.dist-info'
    files = dict(files)
    files[f'{info}/METADATA'] = f'Metadata-Version: 2.1\nName: {project["name"]}\nVersion: {version}\n'.encode()
    files[f'{info}/WHEEL'] = b'Wheel-Version: 1.0\nGenerator: heal-fixture\nRoot-Is-Purelib: true\nTag: py3-none-any\n'
    scripts = project.get('scripts', {})
    if scripts:
        lines = ''.join(f'{key} = {value}\n' for key, value in scripts.items())
        files[f'{info}/entry_points.txt'] = ('[console_scripts]\n' + lines).encode()
    filename = f'{name}-{version}-py3-none-any.whl'
    record = []
    with zipfile.ZipFile(os.path.join(directory, filename), 'w') as wheel:
        for path, data in files.items():
            wheel.writestr(path, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()
            record.append(f'{path},sha256={digest},{len(data)}')
        record.append(f'{info}/RECORD,,')
        wheel.writestr(f'{info}/RECORD', '\n'.join(record) + '\n')
    return filename

def get_requires_for_build_wheel(config_settings=None):
    return []

def get_requires_for_build_editable(config_settings=None):
    return []

def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    files = {}
    for root, _, names in os.walk('src'):
        for name in names:
            if not name.endswith('.pyc'):
                path = os.path.join(root, name)
                with open(path, 'rb') as handle:
                    files[os.path.relpath(path, 'src')] = handle.read()
    return _wheel(wheel_directory, files)

FINDER = '''import importlib.util, os, sys
MAPPING = %r
class _Finder:
    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        if fullname not in MAPPING:
            return None
        return importlib.util.spec_from_file_location(
            fullname, os.path.join(MAPPING[fullname], '__init__.py'), submodule_search_locations=[MAPPING[fullname]])
def install():
    if _Finder not in sys.meta_path:
        sys.meta_path.append(_Finder)
'''

def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    name = _project()['name'].replace('-', '_')
    tools = {entry: os.path.abspath(os.path.join('tools', entry)) for entry in sorted(os.listdir('tools'))} if os.path.isdir('tools') else {}
    return _wheel(wheel_directory, {
        f'__editable__.{name}.pth': (os.path.abspath('src') + '\n' + f'import __editable___{name}_finder; __editable___{name}_finder.install()\n').encode(),
        f'__editable___{name}_finder.py': (FINDER % tools).encode(),
    })
`;

const pyproject = (name: string, version: string, scripts: Record<string, string> = {}): string =>
  [
    '[build-system]',
    'requires = []',
    "build-backend = 'heal_backend'",
    "backend-path = ['_backend']",
    '',
    '[project]',
    `name = '${name}'`,
    `version = '${version}'`,
    ...(Object.keys(scripts).length > 0
      ? ['', '[project.scripts]', ...Object.entries(scripts).map(([key, value]) => `${key} = '${value}'`)]
      : []),
    '',
  ].join('\n');

/** A src-layout project `mypkg` (console script `mypkg-cli`) with a tool package `mytool` outside src. */
export async function writePythonProject(dir: string): Promise<void> {
  await writeFiles(dir, {
    '.gitignore': '.venv/\n__pycache__/\n',
    '_backend/heal_backend.py': BACKEND,
    'pyproject.toml': pyproject('mypkg', '0.1.0', { 'mypkg-cli': 'mypkg:main' }),
    'src/mypkg/__init__.py': 'def main():\n    print(__file__)\n',
    'tools/mytool/__init__.py': "NAME = 'mytool'\n",
  });
}

/** A one-module distribution `name` whose `__version__` is `marker`, built by the same backend. */
export async function writeTinyDistribution(dir: string, name: string, marker: string): Promise<void> {
  await writeFiles(dir, {
    '_backend/heal_backend.py': BACKEND,
    'pyproject.toml': pyproject(name, '0.0.1'),
    [`src/${name}/__init__.py`]: `__version__ = '${marker}'\n`,
  });
}

/** pip on its own: no index, no machine config or constraints, no version check. */
export const ISOLATED_PIP_ENV = {
  PIP_CONFIG_FILE: '/dev/null',
  PIP_NO_INDEX: '1',
  PIP_DISABLE_PIP_VERSION_CHECK: '1',
};
