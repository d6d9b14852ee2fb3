using System.Text.Json;
using Platform.Modules.Forms.Contracts;
using static Platform.UnitTests.Forms.FormFixtures;

namespace Platform.UnitTests.Forms;

public sealed class RouteEngineTests
{
    private static readonly Guid Ann = new("00000000-0000-7000-8000-00000000000a");
    private static readonly Guid Bob = new("00000000-0000-7000-8000-00000000000b");
    private static readonly Guid Cat = new("00000000-0000-7000-8000-00000000000c");
    private static readonly Guid Dan = new("00000000-0000-7000-8000-00000000000d");
    private static readonly Guid Eve = new("00000000-0000-7000-8000-00000000000e");
    private static readonly Guid Accountants = new("00000000-0000-7000-8000-0000000000ac");

    private static readonly IReadOnlyList<FormField> Fields =
    [
        Field("amount", FieldTypes.Money) with { Currency = "RUB" },
        Field("manager", FieldTypes.Person),
        Field("kind", FieldTypes.SingleChoice) with { Options = Options("hw", "sw") },
        Field("urgent", FieldTypes.Checkbox),
        Field("reason", FieldTypes.Text) with { RequiredFromStep = 2 },
    ];

    private static FormTemplateVersion Template(string onReject, IReadOnlyList<RouteRule>? rules = null, params RouteStep[] steps) =>
        FormFixtures.Template(Fields, new FormRoute(steps, rules ?? [], onReject));

    private static RouteStep Step(int number, params Guid[] approvers) => new(number, null, approvers, []);

    private static RouteContext Context(FormTemplateVersion template, object? values = null) =>
        new(template, values is null ? Json("{}") : Values(values), new Dictionary<Guid, IReadOnlyList<Guid>> { [Accountants] = [Dan, Eve] });

    private static RouteResult Act(RouteContext context, RouteState state, string kind, Guid actor, bool responsible = false, int? step = null)
    {
        var result = RouteEngine.Apply(context, state, new RouteAction(kind, actor, responsible, step));
        return result;
    }

    private static string[] Kinds(RouteResult result) => result.Events.Select(e => $"{e.Kind}:{e.Step}").ToArray();

    [Fact]
    public void Start_enters_step_one_with_its_approvers_pending()
    {
        var context = Context(Template(RejectBehaviors.BackToPreviousStep, null, Step(1, Ann, Bob), Step(2, Cat)));
        var start = RouteEngine.Start(context);
        Assert.True(start.Succeeded);
        Assert.Equal(1, start.State.CurrentStep);
        Assert.Equal(RouteStatuses.InProgress, start.State.Status);
        Assert.Equal([Ann, Bob], start.CurrentApprovers);
        Assert.All(start.State.Step(1)!.Approvers, a => Assert.Equal(Decisions.Pending, a.Decision));
        Assert.Empty(start.State.Step(2)!.Approvers);
        Assert.Equal(["moved_to_step:1"], Kinds(start));
    }

    [Fact]
    public void Two_step_approval_by_two_users_then_a_third_closes_the_route_as_approved()
    {
        var context = Context(Template(RejectBehaviors.BackToPreviousStep, null, Step(1, Ann, Bob), Step(2, Cat)), new { reason = "needed" });
        var state = RouteEngine.Start(context).State;

        var first = Act(context, state, RouteActionKinds.Approve, Ann);
        Assert.True(first.Succeeded);
        Assert.Equal(1, first.State.CurrentStep);
        Assert.Equal(["approved:1"], Kinds(first));

        var second = Act(context, first.State, RouteActionKinds.Approve, Bob);
        Assert.Equal(["approved:1", "step_completed:1", "moved_to_step:2"], Kinds(second));
        Assert.Equal(2, second.State.CurrentStep);
        Assert.Equal([Cat], second.CurrentApprovers);
        // Step 1's decisions are kept for the record.
        Assert.All(second.State.Step(1)!.Approvers, a => Assert.Equal(Decisions.Approved, a.Decision));

        var last = Act(context, second.State, RouteActionKinds.Approve, Cat);
        Assert.Equal(["approved:2", "step_completed:2", "closed_approved:2"], Kinds(last));
        Assert.Equal(RouteStatuses.Approved, last.State.Status);
        Assert.True(last.State.IsClosed);
        Assert.Empty(last.CurrentApprovers);
    }

    [Fact]
    public void Approving_twice_changes_nothing()
    {
        var context = Context(Template(RejectBehaviors.BackToPreviousStep, null, Step(1, Ann, Bob)));
        var once = Act(context, RouteEngine.Start(context).State, RouteActionKinds.Approve, Ann);
        var twice = Act(context, once.State, RouteActionKinds.Approve, Ann);
        Assert.True(twice.Succeeded);
        Assert.Empty(twice.Events);
        Assert.Equal(once.State.Step(1)!.Approvers, twice.State.Step(1)!.Approvers);
    }

    [Fact]
    public void Someone_who_is_not_an_approver_of_the_current_step_can_neither_approve_nor_reject()
    {
        var context = Context(Template(RejectBehaviors.BackToPreviousStep, null, Step(1, Ann), Step(2, Cat)));
        var state = RouteEngine.Start(context).State;
        foreach (var kind in new[] { RouteActionKinds.Approve, RouteActionKinds.Reject })
        {
            // Cat approves step 2, not step 1; Eve approves nothing.
            foreach (var who in new[] { Cat, Eve })
            {
                var result = Act(context, state, kind, who);
                Assert.False(result.Succeeded);
                Assert.Equal(RouteErrors.NotAnApprover, result.ErrorCode);
                Assert.Same(state, result.State);
                Assert.Empty(result.Events);
            }
        }
    }

    [Fact]
    public void Approving_needs_the_fields_required_at_the_current_step()
    {
        var context = Context(Template(RejectBehaviors.BackToPreviousStep, null, Step(1, Ann), Step(2, Cat)));
        var atTwo = Act(context, RouteEngine.Start(context).State, RouteActionKinds.Approve, Ann).State;
        var refused = Act(context, atTwo, RouteActionKinds.Approve, Cat);
        Assert.Equal(RouteErrors.FieldsInvalid, refused.ErrorCode);
        Assert.Equal("fields.reason", Assert.Single(refused.FieldErrors!).Path);

        var filled = context with { Values = Values(new { reason = "budget" }) };
        Assert.Equal(RouteStatuses.Approved, Act(filled, atTwo, RouteActionKinds.Approve, Cat).State.Status);
    }

    [Fact]
    public void Rejection_back_to_previous_step_returns_and_resets_both_steps()
    {
        var context = Context(Template(RejectBehaviors.BackToPreviousStep, null, Step(1, Ann, Bob), Step(2, Cat)), new { reason = "x" });
        var state = RouteEngine.Start(context).State;
        state = Act(context, state, RouteActionKinds.Approve, Ann).State;
        state = Act(context, state, RouteActionKinds.Approve, Bob).State;

        var rejected = Act(context, state, RouteActionKinds.Reject, Cat);
        Assert.True(rejected.Succeeded);
        Assert.Equal(["rejected:2", "returned_to_step:1"], Kinds(rejected));
        Assert.Equal(1, rejected.State.CurrentStep);
        Assert.Equal(RouteStatuses.InProgress, rejected.State.Status);
        Assert.All(rejected.State.Step(1)!.Approvers, a => Assert.Equal(Decisions.Pending, a.Decision));
        Assert.Empty(rejected.State.Step(2)!.Approvers);
        Assert.Equal([Ann, Bob], rejected.CurrentApprovers);
    }

    [Fact]
    public void Rejection_at_step_one_back_to_previous_restarts_step_one()
    {
        var context = Context(Template(RejectBehaviors.BackToPreviousStep, null, Step(1, Ann, Bob)));
        var state = Act(context, RouteEngine.Start(context).State, RouteActionKinds.Approve, Ann).State;
        var rejected = Act(context, state, RouteActionKinds.Reject, Bob);
        Assert.Equal(["rejected:1", "returned_to_step:1"], Kinds(rejected));
        Assert.All(rejected.State.Step(1)!.Approvers, a => Assert.Equal(Decisions.Pending, a.Decision));
    }

    [Fact]
    public void Rejection_back_to_first_step_resets_every_step()
    {
        var context = Context(Template(RejectBehaviors.BackToFirstStep, null, Step(1, Ann), Step(2, Bob), Step(3, Cat)), new { reason = "x" });
        var state = RouteEngine.Start(context).State;
        state = Act(context, state, RouteActionKinds.Approve, Ann).State;
        state = Act(context, state, RouteActionKinds.Approve, Bob).State;
        Assert.Equal(3, state.CurrentStep);

        var rejected = Act(context, state, RouteActionKinds.Reject, Cat);
        Assert.Equal(["rejected:3", "returned_to_step:1"], Kinds(rejected));
        Assert.Equal(1, rejected.State.CurrentStep);
        Assert.Equal([new ApproverDecision(Ann, Decisions.Pending)], rejected.State.Step(1)!.Approvers);
        Assert.Empty(rejected.State.Step(2)!.Approvers);
        Assert.Empty(rejected.State.Step(3)!.Approvers);
    }

    [Fact]
    public void Rejection_with_close_rejected_closes_the_route_and_nothing_more_can_be_decided()
    {
        var context = Context(Template(RejectBehaviors.CloseRejected, null, Step(1, Ann, Bob), Step(2, Cat)));
        var rejected = Act(context, RouteEngine.Start(context).State, RouteActionKinds.Reject, Ann);
        Assert.Equal(["rejected:1", "closed_rejected:1"], Kinds(rejected));
        Assert.Equal(RouteStatuses.Rejected, rejected.State.Status);
        Assert.Equal(Decisions.Rejected, rejected.State.Step(1)!.Approvers.Single(a => a.UserId == Ann).Decision);
        Assert.Empty(rejected.CurrentApprovers);

        Assert.Equal(RouteErrors.Closed, Act(context, rejected.State, RouteActionKinds.Approve, Bob).ErrorCode);
        Assert.Equal(RouteErrors.Closed, Act(context, rejected.State, RouteActionKinds.Revoke, Ann).ErrorCode);
    }

    [Fact]
    public void An_approver_revokes_only_their_own_decision_on_the_current_step()
    {
        var context = Context(Template(RejectBehaviors.BackToPreviousStep, null, Step(1, Ann, Bob), Step(2, Cat)));
        var state = Act(context, RouteEngine.Start(context).State, RouteActionKinds.Approve, Ann).State;

        // Bob has not decided; Cat is not on this step: nothing of theirs to revoke.
        Assert.Equal(RouteErrors.NothingToRevoke, Act(context, state, RouteActionKinds.Revoke, Bob).ErrorCode);
        Assert.Equal(RouteErrors.NothingToRevoke, Act(context, state, RouteActionKinds.Revoke, Cat).ErrorCode);

        var revoked = Act(context, state, RouteActionKinds.Revoke, Ann);
        Assert.Equal(["revoked:1"], Kinds(revoked));
        Assert.Equal(Decisions.Pending, revoked.State.Step(1)!.Approvers.Single(a => a.UserId == Ann).Decision);

        // With Ann's approval revoked, Bob's approval alone does not complete the step.
        var bob = Act(context, revoked.State, RouteActionKinds.Approve, Bob);
        Assert.Equal(1, bob.State.CurrentStep);
    }

    [Fact]
    public void A_decision_on_a_completed_step_cannot_be_revoked()
    {
        var context = Context(Template(RejectBehaviors.BackToPreviousStep, null, Step(1, Ann), Step(2, Cat)));
        var state = Act(context, RouteEngine.Start(context).State, RouteActionKinds.Approve, Ann).State;
        Assert.Equal(2, state.CurrentStep);
        Assert.Equal(RouteErrors.NothingToRevoke, Act(context, state, RouteActionKinds.Revoke, Ann).ErrorCode);
    }

    [Fact]
    public void Re_request_by_the_responsible_resets_the_step_and_reopens_a_closed_route()
    {
        var context = Context(Template(RejectBehaviors.CloseRejected, null, Step(1, Ann), Step(2, Bob, Cat)), new { reason = "x" });
        var state = Act(context, RouteEngine.Start(context).State, RouteActionKinds.Approve, Ann).State;
        state = Act(context, state, RouteActionKinds.Approve, Bob).State;

        Assert.Equal(RouteErrors.NotResponsible, Act(context, state, RouteActionKinds.ReRequest, Eve).ErrorCode);

        var current = Act(context, state, RouteActionKinds.ReRequest, Eve, responsible: true);
        Assert.Equal(["re_requested:2", "moved_to_step:2"], Kinds(current));
        Assert.All(current.State.Step(2)!.Approvers, a => Assert.Equal(Decisions.Pending, a.Decision));
        Assert.Equal(Decisions.Approved, current.State.Step(1)!.Approvers.Single().Decision);

        var closed = Act(context, state, RouteActionKinds.Reject, Cat).State;
        Assert.Equal(RouteStatuses.Rejected, closed.Status);
        var earlier = Act(context, closed, RouteActionKinds.ReRequest, Eve, responsible: true, step: 1);
        Assert.True(earlier.Succeeded);
        Assert.Equal(RouteStatuses.InProgress, earlier.State.Status);
        Assert.Equal(1, earlier.State.CurrentStep);
        Assert.Equal([Ann], earlier.CurrentApprovers);
        Assert.Empty(earlier.State.Step(2)!.Approvers);

        Assert.Equal(RouteErrors.InvalidStep, Act(context, state, RouteActionKinds.ReRequest, Eve, responsible: true, step: 3).ErrorCode);
    }

    [Fact]
    public void Role_members_are_approvers_and_every_one_of_them_must_approve()
    {
        var template = Template(RejectBehaviors.BackToPreviousStep, null, new RouteStep(1, "Accounting", [Ann], [Accountants]));
        var context = Context(template);
        var start = RouteEngine.Start(context);
        Assert.Equal([Ann, Dan, Eve], start.CurrentApprovers);
        var state = Act(context, start.State, RouteActionKinds.Approve, Dan).State;
        state = Act(context, state, RouteActionKinds.Approve, Ann).State;
        Assert.Equal(RouteStatuses.InProgress, state.Status);
        Assert.Equal(RouteStatuses.Approved, Act(context, state, RouteActionKinds.Approve, Eve).State.Status);
    }

    [Fact]
    public void A_rule_adds_an_approver_to_step_two_when_the_amount_is_large()
    {
        RouteRule[] rules = [new(RuleActions.AddApprover, 2, [Cat], null, new RouteCondition("amount", ConditionOperators.Greater, "100000"))];
        var template = Template(RejectBehaviors.BackToPreviousStep, rules, Step(1, Ann), Step(2, Bob));

        var small = Context(template, new { amount = 100000, reason = "x" });
        Assert.Equal([Bob], Act(small, RouteEngine.Start(small).State, RouteActionKinds.Approve, Ann).CurrentApprovers);

        var large = Context(template, new { amount = 100000.01, reason = "x" });
        var atTwo = Act(large, RouteEngine.Start(large).State, RouteActionKinds.Approve, Ann);
        Assert.Equal([Bob, Cat], atTwo.CurrentApprovers);
        var bob = Act(large, atTwo.State, RouteActionKinds.Approve, Bob);
        Assert.Equal(RouteStatuses.InProgress, bob.State.Status);
        Assert.Equal(RouteStatuses.Approved, Act(large, bob.State, RouteActionKinds.Approve, Cat).State.Status);
    }

    [Fact]
    public void A_rule_makes_the_person_in_a_field_the_approver_of_step_one()
    {
        RouteRule[] rules = [new(RuleActions.AddApprover, 1, [], "manager", null)];
        var template = Template(RejectBehaviors.BackToPreviousStep, rules, new RouteStep(1, null, [], []));
        var context = Context(template, new { manager = Dan });
        var start = RouteEngine.Start(context);
        Assert.Equal([Dan], start.CurrentApprovers);
        Assert.Equal(RouteStatuses.Approved, Act(context, start.State, RouteActionKinds.Approve, Dan).State.Status);
    }

    [Fact]
    public void A_step_that_resolves_to_nobody_is_skipped()
    {
        RouteRule[] rules = [new(RuleActions.AddApprover, 1, [], "manager", null)];
        var template = Template(RejectBehaviors.BackToPreviousStep, rules, new RouteStep(1, null, [], []), Step(2, Bob));
        var start = RouteEngine.Start(Context(template));
        Assert.Equal(["moved_to_step:1", "step_skipped:1", "moved_to_step:2"], Kinds(start));
        Assert.Equal([Bob], start.CurrentApprovers);
    }

    [Fact]
    public void Participant_rules_add_people_to_the_task()
    {
        RouteRule[] rules =
        [
            new(RuleActions.AddParticipant, null, [Eve], null, new RouteCondition("urgent", ConditionOperators.EqualTo, "true")),
            new(RuleActions.AddParticipant, null, [], "manager", new RouteCondition("manager", ConditionOperators.IsSet, null)),
        ];
        var template = Template(RejectBehaviors.BackToPreviousStep, rules, Step(1, Ann));
        Assert.Empty(RouteEngine.Start(Context(template, new { urgent = false })).Participants);
        Assert.Equal([Eve, Dan], RouteEngine.Start(Context(template, new { urgent = true, manager = Dan })).Participants);
    }

    [Fact]
    public void Refresh_adds_approvers_a_field_change_now_requires_and_keeps_decisions()
    {
        RouteRule[] rules = [new(RuleActions.AddApprover, 1, [Cat], null, new RouteCondition("kind", ConditionOperators.EqualTo, "hw"))];
        var template = Template(RejectBehaviors.BackToPreviousStep, rules, Step(1, Ann), Step(2, Bob));
        var software = Context(template, new { kind = "sw" });
        var state = RouteEngine.Start(software).State;
        state = state with { Steps = [new StepState(1, [new ApproverDecision(Ann, Decisions.Pending)]), new StepState(2, [])] };

        var hardware = software with { Values = Values(new { kind = "hw" }) };
        var refreshed = RouteEngine.Refresh(hardware, state);
        Assert.Equal(["approvers_changed:1"], Kinds(refreshed));
        Assert.Equal([Ann, Cat], refreshed.CurrentApprovers);

        var annApproved = Act(hardware, refreshed.State, RouteActionKinds.Approve, Ann).State;
        // Back to software: Cat is no longer needed, Ann's approval completes the step.
        var back = RouteEngine.Refresh(software, annApproved);
        Assert.Equal(["approvers_changed:1", "step_completed:1", "moved_to_step:2"], Kinds(back));
        Assert.Equal(2, back.State.CurrentStep);

        Assert.Empty(RouteEngine.Refresh(hardware, refreshed.State).Events);
    }

    [Theory]
    [InlineData("amount", ConditionOperators.EqualTo, "1500", true)]
    [InlineData("amount", ConditionOperators.NotEqualTo, "1500", false)]
    [InlineData("amount", ConditionOperators.Greater, "1499.99", true)]
    [InlineData("amount", ConditionOperators.Less, "1500", false)]
    [InlineData("amount", ConditionOperators.IsSet, null, true)]
    [InlineData("kind", ConditionOperators.EqualTo, "hw", true)]
    [InlineData("kind", ConditionOperators.NotEqualTo, "hw", false)]
    [InlineData("urgent", ConditionOperators.EqualTo, "false", true)]
    [InlineData("reason", ConditionOperators.IsSet, null, false)]
    [InlineData("reason", ConditionOperators.EqualTo, "x", false)]
    [InlineData("reason", ConditionOperators.NotEqualTo, "x", true)]
    public void Conditions_compare_by_field_type(string field, string op, string? value, bool expected)
    {
        var template = Template(RejectBehaviors.BackToPreviousStep, null, Step(1, Ann));
        var values = Values(new { amount = 1500.00m, kind = "hw", urgent = false });
        Assert.Equal(expected, RouteEngine.Holds(template, values, new RouteCondition(field, op, value)));
    }

    [Fact]
    public void The_engine_is_deterministic_and_does_not_change_its_input()
    {
        var context = Context(Template(RejectBehaviors.BackToPreviousStep, null, Step(1, Ann, Bob)));
        var start = RouteEngine.Start(context).State;
        var a = Act(context, start, RouteActionKinds.Approve, Ann);
        var b = Act(context, start, RouteActionKinds.Approve, Ann);
        Assert.Equal(JsonSerializer.Serialize(a), JsonSerializer.Serialize(b));
        Assert.All(start.Step(1)!.Approvers, x => Assert.Equal(Decisions.Pending, x.Decision));
    }

    [Fact]
    public void A_form_without_steps_has_no_route_to_act_on()
    {
        var context = Context(Template(RejectBehaviors.BackToPreviousStep));
        var start = RouteEngine.Start(context);
        Assert.Equal(0, start.State.CurrentStep);
        Assert.Empty(start.CurrentApprovers);
        Assert.Equal(RouteErrors.NoRoute, Act(context, start.State, RouteActionKinds.Approve, Ann).ErrorCode);
    }
}
