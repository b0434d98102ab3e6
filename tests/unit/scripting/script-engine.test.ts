import {expect} from '@open-wc/testing';
import type {PackStep} from '../../../src/content/pack-types.js';
import {checkMove, deriveScriptState, ScriptMoveError} from '../../../src/scripting/script-engine.js';
import {fillVariables} from '../../../src/scripting/fill-variables.js';
import type {ScriptMove} from '../../../src/scripting/types.js';
import {packScript, packStep} from './pack-fixtures.js';

const step = packStep;
const script = (steps: PackStep[]) => packScript(steps);

const linear = script([step('greet', {phase: 'opening'}), step('help'), step('bye', {phase: 'closing'})]);

/** reason → (bill → explain | refund → refund-check), both rejoining at wrap; "other" is optional. */
const branching = script([
  step('greet'),
  step('reason', {
    branches: [
      {label: 'Bill', target: 'explain'},
      {label: 'Refund', target: 'refund'},
    ],
  }),
  step('explain', {next: 'wrap'}),
  step('refund', {next: 'wrap'}),
  step('other', {required: false}),
  step('wrap'),
]);

/** A fix loop: try → check (works → close | again → try | give up → engineer). */
const loop = script([
  step('try'),
  step('check', {
    branches: [
      {label: 'Works', target: 'close'},
      {label: 'Again', target: 'try'},
      {label: 'Give up', target: 'engineer'},
    ],
  }),
  step('engineer'),
  step('close'),
]);

const done = (stepId: string, branch?: string): ScriptMove =>
  branch ? {type: 'complete', stepId, branch} : {type: 'complete', stepId};

describe('deriveScriptState', () => {
  it('should start at the first step with the rest pending', () => {
    expect(deriveScriptState(linear, [])).to.deep.equal({
      currentStepId: 'greet',
      path: [],
      steps: {greet: 'current', help: 'pending', bye: 'pending'},
      ended: false,
      enteredAt: {},
    });
  });

  it('should say when each step was first entered, given the move times', () => {
    const s = deriveScriptState(linear, [done('greet'), {type: 'back'}, done('greet'), done('help')], {
      moves: [4, 5, 6, 9],
      start: 1,
    });
    // greet entered at the start, help first at 4 (not 6, the second visit), bye at 9.
    expect(s.enteredAt).to.deep.equal({greet: 1, help: 4, bye: 9});
  });

  it('should walk a linear script to its end', () => {
    const s = deriveScriptState(linear, [done('greet'), done('help'), done('bye')]);
    expect(s.ended).to.equal(true);
    expect(s.currentStepId).to.equal(null);
    expect(s.steps).to.deep.equal({greet: 'done', help: 'done', bye: 'done'});
  });

  it('should follow the chosen branch and mark the branch not taken n/a', () => {
    const s = deriveScriptState(branching, [done('greet'), done('reason', 'refund')]);
    expect(s.currentStepId).to.equal('refund');
    expect(s.steps).to.deep.equal({
      greet: 'done',
      reason: 'done',
      explain: 'n/a',
      refund: 'current',
      other: 'n/a',
      wrap: 'pending',
    });
  });

  it('should require a valid branch on a branching step', () => {
    expect(() => checkMove(branching, [done('greet')], done('reason'))).to.throw(
      ScriptMoveError,
      'step "reason" needs a branch: one of "explain", "refund"'
    );
    expect(() => checkMove(branching, [done('greet')], done('reason', 'nowhere'))).to.throw(
      'step "reason" needs a branch: one of "explain", "refund", not "nowhere"'
    );
  });

  it('should go back past a branch and let another be chosen', () => {
    const moves = [
      done('greet'),
      done('reason', 'refund'),
      done('refund'),
      {type: 'back'} as const,
      {type: 'back'} as const,
    ];
    const s = deriveScriptState(branching, moves);
    expect(s.currentStepId).to.equal('reason');
    expect(s.steps.explain).to.equal('pending');
    expect(s.steps.refund).to.equal('pending');
    const again = deriveScriptState(branching, [...moves, done('reason', 'explain')]);
    expect(again.steps).to.include({explain: 'current', refund: 'n/a'});
  });

  it('should run a loop until its exit and end', () => {
    const s = deriveScriptState(loop, [
      done('try'),
      done('check', 'try'),
      done('try'),
      done('check', 'close'),
      done('close'),
    ]);
    expect(s.ended).to.equal(true);
    expect(s.path.map((e) => e.stepId)).to.deep.equal(['try', 'check', 'try', 'check', 'close']);
    expect(s.steps).to.deep.equal({try: 'done', check: 'done', engineer: 'n/a', close: 'done'});
  });

  it('should allow a jump, and count required steps jumped over as missed at the end', () => {
    const s = deriveScriptState(linear, [done('greet'), {type: 'jump', stepId: 'bye'}, done('bye')]);
    expect(s.steps).to.deep.equal({greet: 'done', help: 'missed', bye: 'done'});
    expect(() => checkMove(linear, [], {type: 'jump', stepId: 'ghost'})).to.throw(
      'cannot jump to "ghost": no such step'
    );
  });

  it('should need a reason to skip a required step, and none for an optional one', () => {
    expect(() => checkMove(linear, [], {type: 'skip', stepId: 'greet', reason: ' '})).to.throw(
      'step "greet" is required: skipping it needs a reason'
    );
    const s = deriveScriptState(linear, [{type: 'skip', stepId: 'greet', reason: 'customer in a hurry'}]);
    expect(s.path).to.deep.equal([{stepId: 'greet', status: 'skipped', reason: 'customer in a hurry'}]);
    const opt = script([step('a'), step('b', {required: false}), step('c')]);
    expect(deriveScriptState(opt, [done('a'), {type: 'skip', stepId: 'b', reason: ''}]).steps.b).to.equal(
      'skipped'
    );
  });

  it('should never count an unvisited optional step as missed', () => {
    const opt = script([step('a', {next: 'c'}), step('b', {required: false}), step('c')]);
    expect(deriveScriptState(opt, [done('a'), done('c')]).steps).to.deep.equal({
      a: 'done',
      b: 'n/a',
      c: 'done',
    });
  });

  it('should refuse moves on a step that is not current, or after the end, or back at the start', () => {
    expect(() => checkMove(linear, [], done('help'))).to.throw(
      'expected a move on the current step "greet", got one on "help"'
    );
    expect(() => checkMove(linear, [done('greet'), done('help'), done('bye')], done('bye'))).to.throw(
      'the script has ended'
    );
    expect(() => checkMove(linear, [], {type: 'back'})).to.throw('cannot go back: no step has been done yet');
  });
});

describe('fillVariables', () => {
  it('should fill values from the context', () => {
    expect(fillVariables('Hello {{customer.name}}!', {customer: {name: 'Li Wei'}})).to.deep.equal([
      {text: 'Hello '},
      {text: 'Li Wei', variable: 'customer.name'},
      {text: '!'},
    ]);
  });
  it('should use the fallback, else a visible placeholder, never "undefined"', () => {
    expect(fillVariables('Hi {{customer.name|there}}', {})).to.deep.equal([
      {text: 'Hi '},
      {text: 'there', variable: 'customer.name'},
    ]);
    expect(fillVariables('Hi {{customer.name}}', {customer: {name: '  '}})).to.deep.equal([
      {text: 'Hi '},
      {text: '[customer.name]', variable: 'customer.name', missing: true},
    ]);
  });
  it('should keep markup as text and ignore non-text values and inherited properties', () => {
    const parts = fillVariables('{{customer.name}} {{customer.toString}} {{call.id}}', {
      customer: {name: '<b>x</b>'},
      call: {id: {}},
    });
    expect(parts[0]).to.deep.equal({text: '<b>x</b>', variable: 'customer.name'});
    expect(parts[2]!.missing).to.equal(true);
    expect(parts[4]!.missing).to.equal(true);
  });
});
